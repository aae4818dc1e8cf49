package dev.lem.capture.activities;

import dev.lem.capture.activities.ActivityBatch.InvalidBatchException;
import dev.lem.capture.activities.ActivityBatch.Item;
import dev.lem.idempotency.IdempotencyStore;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import dev.lem.queue.MessageQueue;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.store.Keys;
import dev.lem.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /activities}: offline and call-centre activity joins the lead's timeline through the activity queue, so
 * the activity consumer records and scores it exactly like web activity.
 *
 * <p>Each item is idempotent per {@code (source, externalId)}: its activity id is a keyed hash of the pair (the same
 * item always makes the same timeline entry), and a claim record ({@code IDEM#activities#<activity id>}, kept
 * {@link #REMEMBERED} days) answers a repeat with {@code duplicate} without queueing it again. The first version of an
 * item wins: a repeat with other content is still a duplicate.
 *
 * <p>A lead is named by id, or by email through the keyed email hash (the raw email is never stored or logged here).
 * An unknown lead is refused per item ({@code 404}); no lead is created: leads come with their consent from forms,
 * and an offline record of someone LEM does not know cannot give that.
 */
public final class ActivityIngestionService {

    /** How long a claim remembers an item; a repeat later still makes the same timeline entry (same id and time). */
    static final Duration REMEMBERED = Duration.ofDays(90);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);

    /** What became of one item; {@code status} is the HTTP status it would have on its own. */
    public record ItemResult(int index, String source, String externalId, int status, String result,
                             String activityId, String leadId, Map<String, String> errors) {}

    /** The batch answer: 207 with a result per item, in order. */
    public record BatchResult(List<ItemResult> results) {
        public long count(String result) {
            return results.stream().filter(r -> r.result().equals(result)).count();
        }
    }

    private final LeadStore leads;
    private final IdentityHasher identity;
    private final IdempotencyStore claims;
    private final MessageQueue activityQueue;

    public ActivityIngestionService(LeadStore leads, IdentityHasher identity, IdempotencyStore claims,
                                    MessageQueue activityQueue) {
        this.leads = leads;
        this.identity = identity;
        this.claims = claims;
        this.activityQueue = activityQueue;
    }

    /**
     * @throws InvalidBatchException when the envelope is unusable (nothing is done)
     */
    public BatchResult ingest(String body, Instant now) throws InvalidBatchException {
        List<Item> items = ActivityBatch.parse(body, now);
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(switch (items.get(i)) {
                case Item.Invalid invalid -> new ItemResult(i, invalid.source().orElse(null),
                        invalid.externalId().orElse(null), 422, "invalid", null, null, invalid.errors());
                case Item.Valid valid -> ingest(i, valid.activity(), now);
            });
        }
        return new BatchResult(results);
    }

    private ItemResult ingest(int index, OfflineActivity item, Instant now) {
        String activityId = activityId(item);
        Optional<Lead> lead;
        try {
            lead = item.leadId().isPresent() ? leads.find(item.leadId().get())
                    : leads.findByEmailHash(identity.hash(item.email().orElseThrow()));
        } catch (StoreUnavailableException e) {
            return result(index, item, 503, "unavailable", activityId, null, "the lead store is unavailable: retry");
        }
        if (lead.isEmpty()) {
            return result(index, item, 404, "unknown-lead", activityId, null,
                    item.leadId().isPresent() ? "no lead with this id" : "no lead with this email");
        }
        LeadId leadId = lead.get().id();
        String key = Keys.ACTIVITY_CLAIM_SCOPE + activityId;
        IdempotencyStore.Claim claim;
        try {
            claim = claims.claim(key, now, CLAIM_TIMEOUT);
        } catch (StoreUnavailableException e) {
            return result(index, item, 503, "unavailable", activityId, leadId, "the store is unavailable: retry");
        }
        switch (claim) {
            case ALREADY_COMPLETED -> {
                return result(index, item, 200, "duplicate", activityId, leadId, null);
            }
            case IN_PROGRESS -> {
                return result(index, item, 409, "in-progress", activityId, leadId,
                        "the same item is being processed: retry");
            }
            case CLAIMED -> {
                // ours
            }
        }
        Map<String, String> attributes = new HashMap<>(item.attributes());
        attributes.put("source", item.source());
        attributes.put("externalId", item.externalId());
        try {
            activityQueue.send(Json.write(new Activity(activityId, leadId, item.type(), item.occurredAt(), attributes)));
        } catch (QueueUnavailableException e) {
            releaseQuietly(key);
            return result(index, item, 503, "unavailable", activityId, leadId, "the activity queue is unavailable: retry");
        }
        try {
            claims.complete(key, now, REMEMBERED);
        } catch (StoreUnavailableException e) {
            // queued: a retry before the claim times out gets in-progress, after it re-queues the same activity id,
            // which the timeline records once
        }
        return result(index, item, 202, "accepted", activityId, leadId, null);
    }

    private void releaseQuietly(String key) {
        try {
            claims.release(key);
        } catch (StoreUnavailableException e) {
            // the claim expires after CLAIM_TIMEOUT
        }
    }

    /** {@code ext-} + 128 bits of the keyed hash of source and external id: the same item, the same activity. */
    String activityId(OfflineActivity item) {
        return "ext-" + identity.hashPayload("activities\u0000" + item.source() + "\u0000" + item.externalId())
                .substring(0, 32);
    }

    private static ItemResult result(int index, OfflineActivity item, int status, String result, String activityId,
                                     LeadId leadId, String error) {
        return new ItemResult(index, item.source(), item.externalId(), status, result, activityId,
                leadId == null ? null : leadId.value(), error == null ? null : Map.of("item", error));
    }
}
