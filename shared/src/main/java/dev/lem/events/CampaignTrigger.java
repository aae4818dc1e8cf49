package dev.lem.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A marketer's own event (source {@code lem.marketing}) that enrols leads in the journey {@code campaignId}: one
 * lead ({@code leadId}), or an {@code audience} — a list of lead ids, or a segment (a lifecycle state plus
 * conditions) — which the router fans out in batches.
 */
public record CampaignTrigger(String eventId, Instant occurredAt, String campaignId, String leadId,
                              Map<String, String> attributes, Audience audience) implements LemEvent {

    /** Lead ids, or a segment; exactly one is set. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Audience(List<String> leadIds, Segment segment) {
        public Audience {
            leadIds = leadIds == null ? List.of() : List.copyOf(leadIds);
        }
    }

    /** The leads in {@code state} that meet every condition (the journey condition language). */
    public record Segment(String state, JsonNode conditions) {}

    public CampaignTrigger {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public CampaignTrigger(String eventId, Instant occurredAt, String campaignId, String leadId, Map<String, String> attributes) {
        this(eventId, occurredAt, campaignId, leadId, attributes, null);
    }

    @Override
    public DetailType detailType() {
        return DetailType.CAMPAIGN_TRIGGER;
    }
}
