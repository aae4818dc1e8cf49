package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.events.CampaignTrigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message on the audience queue: a slice of a campaign trigger's audience — up to {@link #MAX_LEADS} lead ids, or
 * the next page of a segment (from {@code cursor}; null for the first page). Every lead enrolled from it is enrolled
 * under the trigger's event id, so a redelivered batch enrols nobody twice.
 */
public record AudienceBatch(String eventId, Instant occurredAt, String campaignId, Map<String, String> attributes,
                            List<String> leadIds, String segmentState, JsonNode segmentConditions, String cursor) {

    public static final int MAX_LEADS = 100;

    public AudienceBatch {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(campaignId, "campaignId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        leadIds = leadIds == null ? List.of() : List.copyOf(leadIds);
        if (leadIds.size() > MAX_LEADS) {
            throw new IllegalArgumentException("an audience batch holds at most " + MAX_LEADS + " lead ids");
        }
        if (leadIds.isEmpty() == (segmentState == null)) {
            throw new IllegalArgumentException("an audience batch names lead ids or a segment, not both or neither");
        }
    }

    /** The trigger as one lead of the audience receives it. */
    public CampaignTrigger triggerFor(String leadId) {
        return new CampaignTrigger(eventId, occurredAt, campaignId, leadId, attributes);
    }

    public AudienceBatch nextPage(String nextCursor) {
        return new AudienceBatch(eventId, occurredAt, campaignId, attributes, List.of(), segmentState, segmentConditions,
                nextCursor);
    }
}
