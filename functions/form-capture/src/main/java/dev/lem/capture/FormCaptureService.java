package dev.lem.capture;

import dev.lem.bus.EventBus;
import dev.lem.capture.CaptureOutcome.Captured;
import dev.lem.capture.CaptureOutcome.Rejected;
import dev.lem.capture.FormValidator.ValidSubmission;
import dev.lem.events.LeadCaptured;
import dev.lem.events.EventTouch;
import dev.lem.events.LeadStateChanged;
import dev.lem.forms.CaptureIdempotencyStore;
import dev.lem.forms.FormDefinition;
import java.time.Duration;
import java.time.Instant;
import dev.lem.forms.FormStore;
import dev.lem.json.Json;
import dev.lem.queue.MessageQueue;
import dev.lem.lead.Activity;
import dev.lem.lead.Attribution;
import dev.lem.lead.FieldChange;
import dev.lem.lead.Touch;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import java.util.ArrayList;
import java.util.List;
import dev.lem.lead.Consent;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Captures a form submission: validate, find or create the lead by keyed email hash, publish
 * {@code lead.captured}, and queue the submission as an activity (scoring records and scores it). Nothing is written for a rejected
 * submission; a returning lead is updated, never duplicated.
 */
public final class FormCaptureService {

    private static final Pattern FORM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final int CONFLICT_ATTEMPTS = 3;
    private static final int MAX_RETURN_URL = 2048;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** How long a repeated Idempotency-Key gets the first answer. */
    static final Duration KEY_WINDOW = Duration.ofHours(24);
    /** How long the same payload (without a key) to the same form gets the first answer. */
    static final Duration PAYLOAD_WINDOW = Duration.ofMinutes(5);
    /** The hidden field holding the visitor id ({@code lem_vid} cookie on the page's site, filled by the snippet). */
    public static final String VISITOR_FIELD = "lem_vid";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FormCaptureService.class);
    /** Prefix of the event id of the {@code lead.state-changed} a double opt-in confirmation publishes. */
    static final String CONFIRMED_EVENT = "state-confirmed-";
    /** A claim left in progress by a crashed request may be taken over after this. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

    private final FormStore forms;
    private final LeadStore leads;
    private final IdentityHasher identity;
    private final EventBus bus;
    private final MessageQueue activityQueue;
    private final SpamDefence spam;
    private final CaptureIdempotencyStore idempotency;

    private final Optional<DoubleOptIn> doubleOptIn;

    /** Without double opt-in: submissions to a form with {@code doubleOptIn} are captured, but no confirmation is sent. */
    public FormCaptureService(FormStore forms, LeadStore leads, IdentityHasher identity, EventBus bus,
                              MessageQueue activityQueue, SpamDefence spam, CaptureIdempotencyStore idempotency) {
        this(forms, leads, identity, bus, activityQueue, spam, idempotency, Optional.empty());
    }

    public FormCaptureService(FormStore forms, LeadStore leads, IdentityHasher identity, EventBus bus,
                              MessageQueue activityQueue, SpamDefence spam, CaptureIdempotencyStore idempotency,
                              Optional<DoubleOptIn> doubleOptIn) {
        this.idempotency = idempotency;
        this.doubleOptIn = doubleOptIn;
        this.forms = forms;
        this.leads = leads;
        this.identity = identity;
        this.bus = bus;
        this.activityQueue = activityQueue;
        this.spam = spam;
    }

    /** {@code GET /f/{formId}/token}. */
    public sealed interface TokenOutcome {
        record Issued(String token, Optional<String> corsOrigin) implements TokenOutcome {}

        record UnknownForm() implements TokenOutcome {}
    }

    /** {@code OPTIONS /f/{formId}}: the CORS preflight. */
    public sealed interface PreflightOutcome {
        record Allowed(String origin) implements PreflightOutcome {}

        /** Unknown form, or an origin the form does not allow: answered without CORS headers. */
        record Refused(boolean unknownForm) implements PreflightOutcome {}
    }

    public TokenOutcome issueToken(String formId, Optional<String> origin, java.time.Instant now) {
        Optional<FormDefinition> form = findForm(formId);
        return form.<TokenOutcome>map(f -> new TokenOutcome.Issued(spam.issueToken(f, now), origin.filter(f::allowsOrigin)))
                .orElseGet(TokenOutcome.UnknownForm::new);
    }

    public PreflightOutcome preflight(String formId, Optional<String> origin) {
        Optional<FormDefinition> form = findForm(formId);
        if (form.isEmpty()) {
            return new PreflightOutcome.Refused(true);
        }
        return origin.filter(form.get()::allowsOrigin).<PreflightOutcome>map(PreflightOutcome.Allowed::new)
                .orElseGet(() -> new PreflightOutcome.Refused(false));
    }

    public CaptureOutcome submit(FormSubmission submission) {
        Optional<SubmissionFormat> format = SubmissionParser.format(submission.contentType());
        SubmissionFormat answerAs = format.orElse(SubmissionFormat.JSON);
        if (submission.body().getBytes(StandardCharsets.UTF_8).length > SubmissionParser.MAX_BODY_BYTES) {
            return Rejected.of(answerAs, 413, "body exceeds " + SubmissionParser.MAX_BODY_BYTES + " bytes");
        }
        if (format.isEmpty()) {
            return Rejected.of(answerAs, 415, "Content-Type must be application/x-www-form-urlencoded or application/json");
        }
        Optional<FormDefinition> found = findForm(submission.formId());
        if (found.isEmpty()) {
            return Rejected.of(answerAs, 404, "unknown form");
        }
        FormDefinition form = found.get();
        Optional<String> cors = submission.origin().filter(form::allowsOrigin);
        if (answerAs == SubmissionFormat.JSON && submission.origin().isPresent() && cors.isEmpty()) {
            // a browser page on another site: the form owner did not allow it to post with fetch
            return Rejected.of(answerAs, 403, "origin not allowed for this form");
        }
        Map<String, String> fields;
        try {
            fields = SubmissionParser.parse(answerAs, submission.body());
        } catch (InvalidSubmissionException e) {
            return Rejected.of(answerAs, 400, e.getMessage()).withCors(cors);
        }
        if (SpamDefence.honeypotFilled(fields)) {
            return new CaptureOutcome.Ignored(answerAs, form, LeadId.random(), cors);
        }
        FormValidator.Result result = FormValidator.validate(form, fields);
        if (result.valid().isEmpty()) {
            return invalid(answerAs, form, submission, result.errors(), cors);
        }
        SpamDefence.Verdict verdict = spam.check(form, fields, submission);
        if (verdict instanceof SpamDefence.Verdict.Refused refused) {
            if (refused.status() == 422) {
                return invalid(answerAs, form, submission, refused.fieldErrors(), cors);
            }
            return new Rejected(answerAs, refused.status(), refused.message(), refused.fieldErrors(), cors,
                    refused.retryAfterSeconds(), Optional.empty());
        }
        return captureOnce(answerAs, form, result.valid().get(), submission, cors, fields, (SpamDefence.Verdict.Pass) verdict);
    }

    /**
     * Idempotency, then the token's single use, then the capture. A repeat (same Idempotency-Key for 24 h, or the same
     * normalised payload to the same form for 5 minutes) gets the first answer, even with the same (used) token.
     */
    private CaptureOutcome captureOnce(SubmissionFormat format, FormDefinition form, ValidSubmission valid,
                                       FormSubmission submission, Optional<String> cors, Map<String, String> fields,
                                       SpamDefence.Verdict.Pass pass) {
        Instant now = submission.receivedAt();
        String key;
        Duration window;
        if (submission.idempotencyKey().isPresent()) {
            if (!IDEMPOTENCY_KEY.matcher(submission.idempotencyKey().get()).matches()) {
                return Rejected.of(format, 400, "Idempotency-Key must be 1-128 characters of A-Z a-z 0-9 . _ : -")
                        .withCors(cors);
            }
            key = form.id() + "#k:" + submission.idempotencyKey().get();
            window = KEY_WINDOW;
        } else {
            key = form.id() + "#p:" + identity.hashPayload(canonical(form, valid));
            window = PAYLOAD_WINDOW;
        }
        Optional<CaptureIdempotencyStore.Interrupted> resume = Optional.empty();
        switch (idempotency.claim(key, now, now.plus(CLAIM_TIMEOUT))) {
            case CaptureIdempotencyStore.Claim.Completed done -> {
                return new Captured(format, form, new LeadId(done.outcome().leadId()), done.outcome().newLead(), cors);
            }
            case CaptureIdempotencyStore.Claim.InProgress busy -> {
                return Rejected.of(format, 409, "the same submission is being processed").withCors(cors);
            }
            case CaptureIdempotencyStore.Claim.Claimed claimed -> {
                resume = claimed.resume();
            }
        }
        // a retry of a capture that wrote its lead and then failed finishes it under the first attempt's ids
        FormSubmission attempt = resume.map(r -> submission.withSubmissionId(r.submissionId())).orElse(submission);
        var written = new java.util.concurrent.atomic.AtomicReference<>(resume.orElse(null));
        Captured captured;
        boolean tokenClaimed = false;
        try {
            if (!spam.claim(pass)) {
                giveBack(key, written.get(), now.plus(window));
                return Rejected.of(format, 409, "form token already used: reload the page and try again").withCors(cors);
            }
            tokenClaimed = true;
            captured = capture(format, form, valid, attempt, cors, fields, written);
        } catch (RuntimeException e) {
            if (tokenClaimed) {
                quietly(() -> spam.release(pass), e);
            }
            quietly(() -> giveBack(key, written.get(), now.plus(window)), e);
            throw e;
        }
        idempotency.complete(key, new CaptureIdempotencyStore.Recorded(captured.leadId().value(), captured.newLead()),
                now.plus(window));
        return captured;
    }

    /** Gives the claim back: interrupted (a retry resumes) once the lead was written, else released. */
    private void giveBack(String key, CaptureIdempotencyStore.Interrupted written, Instant resumeUntil) {
        if (written == null) {
            idempotency.release(key);
        } else {
            idempotency.interrupt(key, written, resumeUntil);
        }
    }

    /** Best-effort clean-up after a failed capture (an idempotency claim left behind expires after CLAIM_TIMEOUT). */
    private static void quietly(Runnable cleanUp, RuntimeException failure) {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The normalised payload: form, email, profile and consents, sorted; tokens, honeypot and attribution left out. */
    private static String canonical(FormDefinition form, ValidSubmission valid) {
        StringBuilder text = new StringBuilder(form.id()).append('\u0000').append(valid.email().value());
        new java.util.TreeMap<>(valid.profile()).forEach((k, v) -> text.append('\u0000').append(k).append('=').append(v));
        new java.util.TreeMap<>(valid.consents()).forEach((k, v) -> text.append('\u0000').append(k).append('?').append(v));
        return text.toString();
    }

    private Optional<FormDefinition> findForm(String formId) {
        return formId != null && FORM_ID.matcher(formId).matches() ? forms.find(formId) : Optional.empty();
    }

    /**
     * 422 with every field's message; for an HTML post whose Referer is a page on one of the form's allowed origins,
     * the handler answers 303 back to that page with {@code lem_errors=<field>,<field>} appended.
     */
    private static Rejected invalid(SubmissionFormat format, FormDefinition form, FormSubmission submission,
                                    Map<String, String> errors, Optional<String> cors) {
        Optional<String> back = format == SubmissionFormat.FORM
                ? submission.referer().flatMap(r -> returnUrl(form, r, errors.keySet())) : Optional.empty();
        return new Rejected(format, 422, "some fields are invalid", errors, cors, Optional.empty(), back);
    }

    static Optional<String> returnUrl(FormDefinition form, String referer, java.util.Collection<String> fields) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(referer);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || referer.length() > MAX_RETURN_URL
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getRawUserInfo() != null
                || !form.allowsOrigin(uri.getScheme() + "://" + uri.getRawAuthority())) {
            return Optional.empty();
        }
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty() && !pair.startsWith("lem_errors=") && !pair.equals("lem_errors")) {
                    query.append(query.isEmpty() ? "" : "&").append(pair);
                }
            }
        }
        String names = String.join(",", fields.stream()
                .map(f -> java.net.URLEncoder.encode(f, StandardCharsets.UTF_8)).toList());
        query.append(query.isEmpty() ? "" : "&").append("lem_errors=").append(names);
        return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + "?" + query + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    /**
     * @param written holds the capture that wrote its lead (set here once the lead write succeeded); it arrives set when
     *                this attempt resumes an interrupted one, whose lead counts as new if that attempt created it
     */
    private Captured capture(SubmissionFormat format, FormDefinition form, ValidSubmission valid, FormSubmission submission,
                             Optional<String> cors, Map<String, String> fields,
                             java.util.concurrent.atomic.AtomicReference<CaptureIdempotencyStore.Interrupted> written) {
        boolean createdBefore = written.get() != null && written.get().newLead();
        String emailHash = identity.hash(valid.email());
        Touch touch = SourceAttribution.touch(fields, form.id(), submission.receivedAt());
        String ipHash = submission.sourceIp().map(identity::hashIp).orElse(null);
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Lead> existing = leads.findByEmailHash(emailHash);
                Lead lead = existing.map(l -> merge(l, form, valid, submission, touch, ipHash))
                        .orElseGet(() -> newLead(emailHash, form, valid, submission, touch, ipHash));
                if (existing.isPresent()) {
                    leads.update(lead);
                } else {
                    leads.create(lead);
                }
                boolean newLead = existing.isEmpty() || createdBefore;
                written.set(new CaptureIdempotencyStore.Interrupted(submission.submissionId(), lead.id().value(), newLead));
                if (form.doubleOptIn() && awaitsConfirmation(lead, valid)) {
                    doubleOptIn.ifPresent(d -> d.requestConfirmation(form.id(), lead.id(), submission.submissionId(),
                            submission.receivedAt()));
                }
                activityQueue.send(Json.write(new Activity(submission.submissionId(), lead.id(), "form.submitted",
                        submission.receivedAt(), Map.of("formId", form.id()))));
                linkVisitor(fields, submission, lead.id());
                Touch known = touch.isKnown() ? touch : null;
                bus.publish(new LeadCaptured("capture-" + submission.submissionId(), submission.receivedAt(),
                        lead.id().value(), form.id(), newLead, lead.state().wireName(),
                        lead.hasConsent(Lead.EMAIL_CHANNEL), known == null ? null : known.source(),
                        known == null ? null : known.medium(), known == null ? null : known.campaign()));
                return new Captured(format, form, lead.id(), newLead, cors);
            } catch (LeadConflictException e) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * When the submission carries the visitor id ({@code lem_vid} field, else cookie), queues a {@link VisitorLink}:
     * the activity consumer merges the visitor's earlier activity into the lead ({@link dev.lem.visitor.VisitorTimeline}
     * says why there and not here). Best effort: a submission never fails because of it; a visitor not linked now is
     * linked by its next submission.
     */
    private void linkVisitor(Map<String, String> fields, FormSubmission submission, LeadId lead) {
        Optional<String> visitorId = Optional.ofNullable(fields.get(VISITOR_FIELD)).filter(VisitorActivity::isVisitorId)
                .or(() -> submission.visitorCookie().filter(VisitorActivity::isVisitorId));
        if (visitorId.isEmpty()) {
            return;
        }
        try {
            activityQueue.send(Json.write(VisitorLink.of(submission.submissionId(), visitorId.get(), lead,
                    submission.receivedAt())));
        } catch (RuntimeException e) {
            LOG.warn("visitor link not queued leadId={} error={}", lead, e.getClass().getSimpleName());
        }
    }

    private static Lead newLead(String emailHash, FormDefinition form, ValidSubmission valid, FormSubmission submission,
                                Touch touch, String ipHash) {
        var now = submission.receivedAt();
        return new Lead(LeadId.random(), emailHash, valid.email(), valid.profile(),
                form.doubleOptIn() ? LeadState.ANONYMOUS : LeadState.LEAD, now, 0,
                consents(Map.of(), form, valid, submission, ipHash), now, now, 0, Attribution.NONE.with(touch), Map.of());
    }

    /**
     * Progressive profiling: submitted fields are added or replace their old value, fields not submitted are kept;
     * a replaced value goes to the field's history (newest last, at most {@link Lead#MAX_HISTORY_PER_FIELD}).
     */
    private static Lead merge(Lead lead, FormDefinition form, ValidSubmission valid, FormSubmission submission,
                              Touch touch, String ipHash) {
        Map<String, String> profile = new HashMap<>(lead.profile());
        Map<String, List<FieldChange>> history = new HashMap<>(lead.profileHistory());
        var now = submission.receivedAt();
        valid.profile().forEach((field, value) -> {
            String previous = profile.put(field, value);
            if (previous != null && !previous.equals(value)) {
                List<FieldChange> changes = new ArrayList<>(history.getOrDefault(field, List.of()));
                changes.add(new FieldChange(previous, now, form.id()));
                history.put(field, changes.subList(Math.max(0, changes.size() - Lead.MAX_HISTORY_PER_FIELD), changes.size()));
            }
        });
        LeadState state = !form.doubleOptIn()
                && (lead.state() == LeadState.ANONYMOUS || lead.state() == LeadState.SUBSCRIBER)
                ? LeadState.LEAD : lead.state();
        return new Lead(lead.id(), lead.emailHash(), valid.email(), profile, state,
                state == lead.state() ? lead.stateEnteredAt() : now, lead.score(),
                consents(lead.consents(), form, valid, submission, ipHash), lead.createdAt(), now, lead.version(),
                lead.attribution().with(touch), history);
    }

    /** The email box was ticked on a double opt-in form and the lead has no granted email consent yet. */
    private static boolean awaitsConfirmation(Lead after, ValidSubmission valid) {
        return Boolean.TRUE.equals(valid.consents().get(Lead.EMAIL_CHANNEL)) && !after.hasConsent(Lead.EMAIL_CHANNEL);
    }

    /** {@code GET /f/{formId}/confirm?l=&t=&s=}. */
    public sealed interface ConfirmOutcome {
        record Confirmed(FormDefinition form, LeadId leadId, boolean alreadyConfirmed) implements ConfirmOutcome {}

        /** 400 (bad or tampered link), 404 (unknown form or lead), 410 (expired link). */
        record Refused(int status, String message) implements ConfirmOutcome {}
    }

    /**
     * Confirms a double opt-in: the email consent becomes granted with {@code confirmedAt} (text version, form and
     * hashed IP of the submission kept); an {@code anonymous} lead becomes {@code subscriber} (a lead already further
     * along keeps its state) and {@code lead.state-changed} ({@code anonymous → subscriber}) is published. Confirming again
     * changes nothing (it only publishes the same event again while the lead is still the subscriber it made).
     */
    public ConfirmOutcome confirm(String formId, String leadId, String expires, String signature, Instant now) {
        Optional<FormDefinition> form = findForm(formId);
        if (form.isEmpty()) {
            return new ConfirmOutcome.Refused(404, "unknown form");
        }
        if (doubleOptIn.isEmpty() || leadId == null || expires == null || !LeadId.isValid(leadId)
                || !expires.matches("[0-9]{1,12}")) {
            return new ConfirmOutcome.Refused(400, "this confirmation link is not valid");
        }
        long expiry = Long.parseLong(expires);
        if (!doubleOptIn.get().links().verify(formId, leadId, expiry, signature)) {
            return new ConfirmOutcome.Refused(400, "this confirmation link is not valid");
        }
        if (Instant.ofEpochSecond(expiry).isBefore(now)) {
            return new ConfirmOutcome.Refused(410, "this confirmation link has expired: please submit the form again");
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Lead> found = leads.find(new LeadId(leadId));
            if (found.isEmpty()) {
                return new ConfirmOutcome.Refused(404, "unknown subscription");
            }
            Lead lead = found.get();
            Optional<Consent> current = lead.consent(Lead.EMAIL_CHANNEL);
            if (current.map(c -> c.granted() && c.confirmedAt() != null).orElse(false)) {
                if (lead.state() == LeadState.SUBSCRIBER && lead.stateEnteredAt().equals(current.get().confirmedAt())) {
                    // the confirmation made it a subscriber: publish again, in case the first publish was lost
                    publishSubscribed(lead, LeadState.ANONYMOUS, lead.stateEnteredAt(), lead.createdAt());
                }
                return new ConfirmOutcome.Confirmed(form.get(), lead.id(), true);
            }
            Consent confirmed = current.map(c -> new Consent(true, c.textVersion(), c.recordedAt(), c.formId(), c.ipHash(), now))
                    .orElseGet(() -> new Consent(true, form.get().consentTextVersion(), now, formId, null, now));
            Map<String, Consent> consents = new HashMap<>(lead.consents());
            consents.put(Lead.EMAIL_CHANNEL, confirmed);
            LeadState state = lead.state() == LeadState.ANONYMOUS ? LeadState.SUBSCRIBER : lead.state();
            try {
                leads.update(new Lead(lead.id(), lead.emailHash(), lead.email(), lead.profile(), state,
                        state == lead.state() ? lead.stateEnteredAt() : now, lead.score(), consents, lead.createdAt(), now,
                        lead.version(), lead.attribution(), lead.profileHistory()));
                if (state != lead.state()) {
                    publishSubscribed(lead, lead.state(), now, lead.stateEnteredAt());
                }
                return new ConfirmOutcome.Confirmed(form.get(), lead.id(), false);
            } catch (LeadConflictException e) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * {@code lead.state-changed} for a confirmed double opt-in. The event id is one per lead ({@value #CONFIRMED_EVENT}
     * + lead id): a lead is confirmed once, and a publish repeated after a lost one is the same event.
     *
     * @throws dev.lem.bus.EventPublishException when the bus is down; the lead is already a subscriber, and opening the
     *                                           link again publishes the event again
     */
    private void publishSubscribed(Lead lead, LeadState from, Instant at, Instant fromEnteredAt) {
        String leadId = lead.id().value();
        bus.publish(new LeadStateChanged(CONFIRMED_EVENT + leadId, at, leadId, from.wireName(),
                LeadState.SUBSCRIBER.wireName(), "double opt-in confirmed", false, fromEnteredAt,
                EventTouch.of(lead.attribution().firstTouch()), EventTouch.of(lead.attribution().lastTouch())));
    }

    /**
     * A ticked box grants consent with the form's consent text version; an unticked box records a refusal
     * only where there was no decision yet. Withdrawal is the unsubscribe path's job, not a form's.
     */
    private static Map<String, Consent> consents(Map<String, Consent> current, FormDefinition form,
                                                 ValidSubmission valid, FormSubmission submission, String ipHash) {
        Map<String, Consent> consents = new HashMap<>(current);
        valid.consents().forEach((channel, ticked) -> {
            boolean alreadyGranted = consents.containsKey(channel) && consents.get(channel).granted();
            // double opt-in: a ticked email box is recorded as not (yet) granted until the link is confirmed
            boolean granted = ticked && !(form.doubleOptIn() && Lead.EMAIL_CHANNEL.equals(channel));
            if (form.doubleOptIn() && Lead.EMAIL_CHANNEL.equals(channel) && alreadyGranted) {
                return;
            }
            if (granted || !consents.containsKey(channel) || (ticked && !alreadyGranted)) {
                consents.put(channel, new Consent(granted, form.consentTextVersion(), submission.receivedAt(), form.id(),
                        ipHash, null));
            }
        });
        return consents;
    }
}
