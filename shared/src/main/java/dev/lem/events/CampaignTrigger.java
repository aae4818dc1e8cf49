package dev.lem.events;

import java.time.Instant;
import java.util.Map;

/** A marketer's own event (source {@code lem.marketing}) that enrols a lead in a campaign. */
public record CampaignTrigger(String eventId, Instant occurredAt, String campaignId, String leadId,
                              Map<String, String> attributes) implements LemEvent {
    public CampaignTrigger {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public DetailType detailType() {
        return DetailType.CAMPAIGN_TRIGGER;
    }
}
