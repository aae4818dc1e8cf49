package dev.lem.visitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An anonymous visitor's timeline and its merge into a lead's, run by the activity queue's consumer.
 *
 * <p><b>Where the merge runs, and why.</b> Form capture only puts a {@link VisitorLink} on the activity queue after
 * the lead is written (one SQS send; if that send fails the submission still succeeds, and the visitor's next
 * submission links it). The re-attribution itself runs here, asynchronously, because: it may move hundreds of
 * hits, too slow for a form post answered to a browser; the activity consumer is already the one writer of lead
 * timelines and scores, so earlier hits are recorded and scored exactly like later ones (same rules, same
 * {@code lead.scored} events, idempotent per activity id); and a failed merge is retried by SQS (then dead-lettered)
 * instead of failing anyone's submission.
 *
 * <p><b>Why it is safe at least once and concurrently with new hits.</b> A hit ({@link #record}) reads the link; with
 * none it stores the hit under the visitor, then reads the link again. A merge writes the link, then reads the
 * visitor's stored hits. Whichever comes second sees the other's write, so no hit is left behind; a hit seen by
 * both is applied twice under the same activity id, which the lead's timeline records once. Merged hits are then
 * removed from the visitor, so a later link to another lead (a shared computer) moves only what came after.
 * Anonymous hits expire after {@link #RETENTION}; a merge moves at most {@link #MAX_MERGED} of them (the oldest).
 *
 * <p><b>First touch is not rewritten from the visitor's hits.</b> A page view records host and path only
 * ({@code lem.js} never sends the query, which may hold PII), so an earlier page view knows no UTM tags, click ids or
 * search words, only its referrer's host: replacing the lead's first touch (built from the form's {@code lem_landing}
 * and UTM fields) with it would trade campaign attribution for an earlier but poorer guess. The earlier visits are
 * on the timeline, with their times, pages and referrer hosts, for whoever wants that view.
 */
public final class VisitorTimeline {

    /** How long an anonymous hit waits for its visitor to become a lead. */
    public static final Duration RETENTION = Duration.ofDays(180);
    /** How long a visitor → lead link is kept: the lifetime of the {@code lem_vid} cookie. */
    public static final Duration LINK_RETENTION = Duration.ofDays(730);
    static final int PAGE = 100;
    /** Bounds one merge: about 500 × (lead read + transaction + PutEvents + delete), inside the consumer's 30 s. */
    static final int MAX_MERGED = 500;

    private final VisitorStore store;

    public VisitorTimeline(VisitorStore store) {
        this.store = store;
    }

    /** Whether an activity-queue body is this class's: a {@link VisitorActivity} or a {@link VisitorLink}. */
    public static boolean handles(JsonNode body) {
        String kind = body.isObject() ? body.path("kind").asText("") : "";
        return VisitorActivity.KIND.equals(kind) || VisitorLink.KIND.equals(kind);
    }

    /**
     * Handles an activity-queue body that {@link #handles} accepts.
     *
     * @param toLead records and scores an activity on its lead's timeline, idempotently per activity id
     * @throws dev.lem.json.MalformedJsonException when the body is malformed (the queue dead-letters it)
     */
    public void handle(JsonNode body, Consumer<Activity> toLead) {
        if (VisitorLink.KIND.equals(body.path("kind").asText(""))) {
            merge(Json.convert(body, VisitorLink.class), toLead);
        } else {
            record(Json.convert(body, VisitorActivity.class), toLead);
        }
    }

    /** A hit: straight to the lead when the visitor is linked, else kept under the visitor until it is. */
    public void record(VisitorActivity activity, Consumer<Activity> toLead) {
        Optional<LeadId> lead = store.linkedLead(activity.visitorId());
        if (lead.isPresent()) {
            toLead.accept(asLeadActivity(activity, lead.get()));
            return;
        }
        store.record(activity, activity.occurredAt().plus(RETENTION));
        Optional<LeadId> linkedMeanwhile = store.linkedLead(activity.visitorId());
        if (linkedMeanwhile.isPresent()) {
            toLead.accept(asLeadActivity(activity, linkedMeanwhile.get()));
            store.forget(activity);
        }
    }

    /**
     * Links the visitor to the lead and moves every stored hit of the visitor to the lead's timeline, oldest first.
     *
     * @return how many hits were moved
     */
    public int merge(VisitorLink link, Consumer<Activity> toLead) {
        store.link(link, link.linkedAt().plus(LINK_RETENTION));
        LeadId lead = store.linkedLead(link.visitorId()).orElse(link.leadId());
        int moved = 0;
        while (moved < MAX_MERGED) {
            List<VisitorActivity> page = store.activities(link.visitorId(), Math.min(PAGE, MAX_MERGED - moved));
            if (page.isEmpty()) {
                break;
            }
            for (VisitorActivity activity : page) {
                toLead.accept(asLeadActivity(activity, lead));
                store.forget(activity);
                moved++;
            }
        }
        return moved;
    }

    /** The same activity (same id, type, time) on the lead's timeline, with the visitor id kept as an attribute. */
    static Activity asLeadActivity(VisitorActivity activity, LeadId lead) {
        Map<String, String> attributes = new HashMap<>(activity.attributes());
        attributes.put("visitorId", activity.visitorId());
        return new Activity(activity.activityId(), lead, activity.type(), activity.occurredAt(), attributes);
    }
}
