package dev.lem.routing;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrols one audience batch: each lead id as if the trigger had named it alone (the router's usual entry rules and
 * idempotency apply), or one page of a segment — the leads in the state that meet the segment's conditions — and
 * then queues the next page. A redelivered batch enrols nobody twice (same trigger event id).
 */
public final class AudienceService {

    private static final Logger LOG = LoggerFactory.getLogger(AudienceService.class);

    private final RoutingService routing;
    private final LeadSegments segments;
    private final LeadStore leads;
    private final MessageQueue audienceQueue;

    public AudienceService(RoutingService routing, LeadSegments segments, LeadStore leads, MessageQueue audienceQueue) {
        this.routing = routing;
        this.segments = segments;
        this.leads = leads;
        this.audienceQueue = audienceQueue;
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
