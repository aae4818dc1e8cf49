package dev.lem.capture;

import dev.lem.bus.EventBus;
import dev.lem.capture.CaptureOutcome.Captured;
import dev.lem.capture.CaptureOutcome.Rejected;
import dev.lem.capture.FormValidator.ValidSubmission;
import dev.lem.events.LeadCaptured;
import dev.lem.forms.FormDefinition;
import dev.lem.forms.FormStore;
import dev.lem.json.Json;
import dev.lem.queue.MessageQueue;
import dev.lem.lead.Activity;
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

    private final FormStore forms;
    private final LeadStore leads;
    private final IdentityHasher identity;
    private final EventBus bus;
    private final MessageQueue activityQueue;

    public FormCaptureService(FormStore forms, LeadStore leads, IdentityHasher identity, EventBus bus,
                              MessageQueue activityQueue) {
        this.forms = forms;
        this.leads = leads;
        this.identity = identity;
        this.bus = bus;
        this.activityQueue = activityQueue;
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
        Optional<FormDefinition> form = FORM_ID.matcher(submission.formId()).matches()
                ? forms.find(submission.formId()) : Optional.empty();
        if (form.isEmpty()) {
            return Rejected.of(answerAs, 404, "unknown form");
        }
        Map<String, String> fields;
        try {
            fields = SubmissionParser.parse(answerAs, submission.body());
        } catch (InvalidSubmissionException e) {
            return Rejected.of(answerAs, 400, e.getMessage());
        }
        FormValidator.Result result = FormValidator.validate(form.get(), fields);
        if (result.valid().isEmpty()) {
            return new Rejected(answerAs, 422, "some fields are invalid", result.errors());
        }
        return capture(answerAs, form.get(), result.valid().get(), submission);
    }

    private Captured capture(SubmissionFormat format, FormDefinition form, ValidSubmission valid, FormSubmission submission) {
        String emailHash = identity.hash(valid.email());
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Lead> existing = leads.findByEmailHash(emailHash);
                Lead lead = existing.map(l -> merge(l, form, valid, submission))
                        .orElseGet(() -> newLead(emailHash, form, valid, submission));
                if (existing.isPresent()) {
                    leads.update(lead);
                } else {
                    leads.create(lead);
                }
                activityQueue.send(Json.write(new Activity(submission.submissionId(), lead.id(), "form.submitted",
                        submission.receivedAt(), Map.of("formId", form.id()))));
                bus.publish(new LeadCaptured("capture-" + submission.submissionId(), submission.receivedAt(),
                        lead.id().value(), form.id(), existing.isEmpty(), lead.state().wireName(),
                        lead.hasConsent(Lead.EMAIL_CHANNEL)));
                return new Captured(format, form, lead.id(), existing.isEmpty());
            } catch (LeadConflictException e) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Lead newLead(String emailHash, FormDefinition form, ValidSubmission valid, FormSubmission submission) {
        var now = submission.receivedAt();
        return new Lead(LeadId.random(), emailHash, valid.email(), valid.profile(), LeadState.LEAD, now, 0,
                consents(Map.of(), form, valid, submission), now, now, 0);
    }

    private static Lead merge(Lead lead, FormDefinition form, ValidSubmission valid, FormSubmission submission) {
        Map<String, String> profile = new HashMap<>(lead.profile());
        profile.putAll(valid.profile());
        var now = submission.receivedAt();
        LeadState state = lead.state() == LeadState.ANONYMOUS || lead.state() == LeadState.SUBSCRIBER
                ? LeadState.LEAD : lead.state();
        return new Lead(lead.id(), lead.emailHash(), valid.email(), profile, state,
                state == lead.state() ? lead.stateEnteredAt() : now, lead.score(),
                consents(lead.consents(), form, valid, submission), lead.createdAt(), now, lead.version());
    }

    /**
     * A ticked box grants consent with the form's consent text version; an unticked box records a refusal
     * only where there was no decision yet. Withdrawal is the unsubscribe path's job, not a form's.
     */
    private static Map<String, Consent> consents(Map<String, Consent> current, FormDefinition form,
                                                 ValidSubmission valid, FormSubmission submission) {
        Map<String, Consent> consents = new HashMap<>(current);
        valid.consents().forEach((channel, granted) -> {
            if (granted || !consents.containsKey(channel)) {
                consents.put(channel, new Consent(granted, form.consentTextVersion(), submission.receivedAt()));
            }
        });
        return consents;
    }
}
