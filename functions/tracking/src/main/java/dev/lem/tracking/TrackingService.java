package dev.lem.tracking;

import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import dev.lem.links.LeadTokens;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.queue.MessageQueue;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records what leads and visitors do, from signed tracking URLs and {@code lem.js} beacons. The hot path
 * is one HMAC check and one SQS send, never a database read: scoring does the rest asynchronously.
 * Fetches by mail-privacy proxies, link scanners and bots ({@link AutomatedAgents}) are recorded under
 * their own {@code *.automated} types, which score nothing.
 */
public final class TrackingService {

    public static final String OPEN = "email.open";
    public static final String OPEN_AUTOMATED = "email.open.automated";
    public static final String CLICK = "email.click";
    public static final String CLICK_AUTOMATED = "email.click.automated";

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:#-]{1,128}");

    public enum Result { RECORDED, RECORDED_AUTOMATED, INVALID }

    /** Where a click goes: a redirect to the verified target, or a refusal (never a redirect). */
    public sealed interface ClickOutcome {
        /** @param location the signed target, with the lead token for {@code lem.js} appended */
        record Redirect(String location, boolean automated) implements ClickOutcome {}

        record Refused() implements ClickOutcome {}
    }

    /** What became of a beacon: recorded for this visitor, or refused with the reason. */
    public sealed interface BeaconOutcome {
        record Recorded(String visitorId, boolean forLead) implements BeaconOutcome {}

        record Refused(Beacon.InvalidBeaconException reason) implements BeaconOutcome {}
    }

    private final LinkSigner signer;
    private final LeadTokens leadTokens;
    private final MessageQueue activityQueue;
    private final AutomatedAgents automated;
    private final SecureRandom random = new SecureRandom();

    public TrackingService(LinkSigner signer, MessageQueue activityQueue) {
        this(signer, activityQueue, AutomatedAgents.builtIn());
    }

    public TrackingService(LinkSigner signer, MessageQueue activityQueue, AutomatedAgents automated) {
        this.signer = signer;
        this.leadTokens = new LeadTokens(signer);
        this.activityQueue = activityQueue;
        this.automated = automated;
    }

    /**
     * An email open: recorded only with the signature notifications put into the pixel URL.
     *
     * @param visitorId the visitor cookie's value when valid, recorded with a person's open
     */
    public Result recordOpen(String leadId, String messageId, String signature, String userAgent,
                             Optional<String> visitorId, Instant at) {
        if (!validMessage(leadId, messageId) || !signer.verify(signature, TrackingLinks.OPEN, leadId, messageId)) {
            return Result.INVALID;
        }
        Optional<String> reason = automated.reasonFor(userAgent);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("messageId", messageId);
        reason.ifPresentOrElse(r -> attributes.put("automated", r),
                () -> visitorId.filter(VisitorActivity::isVisitorId).ifPresent(v -> attributes.put("visitorId", v)));
        send(new Activity(UUID.randomUUID().toString(), new LeadId(leadId), reason.isPresent() ? OPEN_AUTOMATED : OPEN,
                at, attributes));
        return reason.isPresent() ? Result.RECORDED_AUTOMATED : Result.RECORDED;
    }

    /**
     * An email click: redirects only to a target signed together with the lead and message, and only to
     * http(s); records the target's host and path (its query may hold PII).
     */
    public ClickOutcome recordClick(String target, String leadId, String messageId, String signature, String userAgent,
                                    Instant at) {
        if (!(verifiedRedirect(target, leadId, messageId, signature) instanceof ClickOutcome.Redirect redirect)) {
            return new ClickOutcome.Refused();
        }
        LeadId lead = new LeadId(leadId);
        Optional<String> reason = automated.reasonFor(userAgent);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("messageId", messageId);
        attributes.put("url", Beacon.hostAndPath(target));
        reason.ifPresent(r -> attributes.put("automated", r));
        send(new Activity(UUID.randomUUID().toString(), lead, reason.isPresent() ? CLICK_AUTOMATED : CLICK, at, attributes));
        return new ClickOutcome.Redirect(redirect.location(), reason.isPresent());
    }

    /**
     * Where a click goes, without recording it: used when the queue is down, so that the reader still
     * reaches the page (the click is lost, the link is not).
     */
    public ClickOutcome verifiedRedirect(String target, String leadId, String messageId, String signature) {
        if (!validMessage(leadId, messageId) || !TrackingLinks.isRedirectable(target)
                || !signer.verify(signature, TrackingLinks.CLICK, target, leadId, messageId)) {
            return new ClickOutcome.Refused();
        }
        return new ClickOutcome.Redirect(withLeadToken(target, new LeadId(leadId)), false);
    }

    /**
     * A {@code lem.js} beacon. The visitor is the body's {@code vid}, else the cookie's, else a new one;
     * with a valid lead token ({@code lt}) it is recorded as the lead's activity, otherwise as a
     * {@link VisitorActivity}. A token that does not verify attributes nothing and is otherwise ignored.
     */
    public BeaconOutcome recordBeacon(String body, Optional<String> cookieVisitorId, Instant at) {
        Beacon beacon;
        try {
            beacon = Beacon.parse(body);
        } catch (Beacon.InvalidBeaconException e) {
            return new BeaconOutcome.Refused(e);
        }
        String visitorId = beacon.visitorId()
                .or(() -> cookieVisitorId.filter(VisitorActivity::isVisitorId))
                .orElseGet(this::newVisitorId);
        Map<String, String> attributes = beacon.attributes(visitorId);
        String activityId = UUID.randomUUID().toString();
        Optional<LeadId> lead = beacon.leadToken().flatMap(leadTokens::verify);
        if (lead.isPresent()) {
            send(new Activity(activityId, lead.get(), beacon.type().activityType(), at, attributes));
        } else {
            send(VisitorActivity.of(activityId, visitorId, beacon.type().activityType(), at, attributes));
        }
        return new BeaconOutcome.Recorded(visitorId, lead.isPresent());
    }

    /** A fresh visitor id: 128 random bits, base64url. */
    public String newVisitorId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String withLeadToken(String target, LeadId lead) {
        URI uri = URI.create(target);
        String token = LeadTokens.PARAMETER + "=" + leadTokens.issue(lead);
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        String withoutFragment = fragment.isEmpty() ? target : target.substring(0, target.length() - fragment.length());
        String separator = uri.getRawQuery() == null ? (withoutFragment.endsWith("?") ? "" : "?") : "&";
        return withoutFragment + separator + token + fragment;
    }

    private static boolean validMessage(String leadId, String messageId) {
        return LeadId.isValid(leadId) && messageId != null && MESSAGE_ID.matcher(messageId).matches();
    }

    private void send(Object activity) {
        activityQueue.send(Json.write(activity));
    }
}
