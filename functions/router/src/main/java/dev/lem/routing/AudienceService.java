package dev.lem.routing;

import dev.lem.idempotency.IdempotencyStore;
import dev.lem.journey.AudienceBatch;
import dev.lem.journey.Condition;
import dev.lem.journey.Facts;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.LeadSegments;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.queue.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrols one audience batch: each lead id as if the trigger had named it alone (the router's usual entry rules and
 * idempotency apply), or one page of a segment — the leads in the state that meet the segment's conditions — and
 * then queues the next page. A redelivered batch enrols nobody twice (same trigger event id).
 *
 * <h2>Segment pages are processed once</h2>
 * A page is a link of a chain: it queues the next. Without a guard, a page delivered twice (SQS is at-least-once; a
 * Lambda retry after a partial batch failure) would queue its next page twice, and the duplicate chain would walk the
 * rest of the segment again. So each page (trigger event id × cursor) is claimed in the idempotency store:
 * <ul>
 *   <li>claimed → enrol, queue the next page, <i>then</i> mark the page completed (kept {@link #PAGE_KEPT_FOR}, longer
 *       than the audience queue keeps a message): a failure before the mark releases the claim and the retry does the
 *       page again — the next page is never skipped;</li>
 *   <li>already completed → nothing (no enrolment, no next page);</li>
 *   <li>in progress elsewhere (a duplicate delivered while the first still runs) → {@link PageInProgressException},
 *       so SQS delivers it again later, when it finds the page completed (or its holder dead, after
 *       {@link #PAGE_CLAIM_FOR}, and does it).</li>
 * </ul>
 * Only a holder that dies after queuing the next page and before the mark leaves a duplicate next page; that page's
 * claim then makes the duplicate a no-op. Enrolment itself stays idempotent whatever happens (same trigger event id).
 */
public final class AudienceService {

    private static final Logger LOG = LoggerFactory.getLogger(AudienceService.class);

    private final RoutingService routing;
    private final LeadSegments segments;
    private final LeadStore leads;
    private final MessageQueue audienceQueue;
    private final IdempotencyStore pages;
    private final Clock clock;

    /** Longer than the router's 30 s timeout: a live holder is never overtaken. */
    static final Duration PAGE_CLAIM_FOR = Duration.ofSeconds(90);
    /** Longer than the audience queue keeps a message (4 days). */
    static final Duration PAGE_KEPT_FOR = Duration.ofDays(5);

    /** A duplicate of a segment page that is being processed right now: retry it later. */
    public static final class PageInProgressException extends RuntimeException {
        PageInProgressException(String message) {
            super(message);
        }
    }

    public AudienceService(RoutingService routing, LeadSegments segments, LeadStore leads, MessageQueue audienceQueue,
                           IdempotencyStore pages, Clock clock) {
        this.routing = routing;
        this.segments = segments;
        this.leads = leads;
        this.audienceQueue = audienceQueue;
        this.pages = pages;
        this.clock = clock;
    }

    /** @return how many leads of the batch were enrolled (or found enrolled by this trigger already) */
    public int process(AudienceBatch batch) {
        if (!batch.leadIds().isEmpty()) {
            int enrolled = 0;
            for (String leadId : batch.leadIds()) {
                enrolled += enrol(batch, leadId);
            }
            LOG.info("audience batch enrolled campaignId={} eventId={} leads={} enrolled={}", batch.campaignId(),
                    batch.eventId(), batch.leadIds().size(), enrolled);
            return enrolled;
        }
        String key = pageKey(batch);
        switch (pages.claim(key, clock.instant(), PAGE_CLAIM_FOR)) {
            case ALREADY_COMPLETED -> {
                LOG.info("audience segment page skipped reason=already-completed campaignId={} eventId={}",
                        batch.campaignId(), batch.eventId());
                return 0;
            }
            case IN_PROGRESS -> throw new PageInProgressException("segment page of " + batch.eventId()
                    + " is being processed by another invocation; retry later");
            case CLAIMED -> { }
        }
        try {
            int enrolled = segmentPage(batch);
            pages.complete(key, clock.instant(), PAGE_KEPT_FOR);
            return enrolled;
        } catch (RuntimeException e) {
            pages.release(key);
            throw e;
        }
    }

    /** {@code audience-page#<sha-256 of event id and cursor>}: one key per page of one trigger. */
    static String pageKey(AudienceBatch batch) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((batch.eventId() + "\n"
                    + (batch.cursor() == null ? "" : batch.cursor())).getBytes(StandardCharsets.UTF_8));
            return "audience-page#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private int segmentPage(AudienceBatch batch) {
        LeadState state = LeadState.fromWireName(batch.segmentState());
        List<Condition> conditions = batch.segmentConditions() == null ? List.of()
                : JourneyParser.conditions(batch.segmentConditions());
        LeadSegments.Page page = segments.page(state, Optional.ofNullable(batch.cursor()), AudienceBatch.MAX_LEADS);
        int enrolled = 0;
        for (LeadId leadId : page.leads()) {
            Optional<Lead> lead = leads.find(leadId);
            if (lead.isPresent() && lead.get().state() == state
                    && Condition.all(conditions, Facts.of(lead.get(), Map.of(), Map.of()))) {
                enrolled += enrol(batch, leadId.value());
            }
        }
        page.next().ifPresent(next -> audienceQueue.send(Json.write(batch.nextPage(next))));
        LOG.info("audience segment page enrolled campaignId={} eventId={} state={} leads={} enrolled={} more={}",
                batch.campaignId(), batch.eventId(), state.wireName(), page.leads().size(), enrolled, page.next().isPresent());
        return enrolled;
    }

    private int enrol(AudienceBatch batch, String leadId) {
        RoutingService.Routing routing = this.routing.route(batch.triggerFor(leadId));
        return routing.enrolled().size() + routing.alreadyEnrolled().size() > 0 ? 1 : 0;
    }
}
