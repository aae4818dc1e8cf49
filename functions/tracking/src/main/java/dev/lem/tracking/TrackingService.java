package dev.lem.tracking;

import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.queue.MessageQueue;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records what leads do from signed tracking URLs. The hot path is one HMAC check and one SQS send:
 * scoring does the rest asynchronously.
 */
public final class TrackingService {

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:#-]{1,128}");

    public enum Result { RECORDED, INVALID }

    private final LinkSigner signer;
    private final MessageQueue activityQueue;

    public TrackingService(LinkSigner signer, MessageQueue activityQueue) {
        this.signer = signer;
        this.activityQueue = activityQueue;
    }

    /** An email open: valid only with the signature notifications put into the pixel URL. */
    public Result recordOpen(String leadId, String messageId, String signature, Instant at) {
        if (!LeadId.isValid(leadId) || messageId == null || !MESSAGE_ID.matcher(messageId).matches()
                || !signer.verify(signature, TrackingLinks.OPEN, leadId, messageId)) {
            return Result.INVALID;
        }
        Activity open = new Activity(UUID.randomUUID().toString(), new LeadId(leadId), "email.open", at,
                Map.of("messageId", messageId));
        activityQueue.send(Json.write(open));
        return Result.RECORDED;
    }
}
