package dev.lem.events;

import java.time.Instant;

/** A lead's score changed, with the rule version that produced it. */
public record LeadScored(String eventId, Instant occurredAt, String leadId, int score, int previousScore,
                         String rulesVersion, String cause) implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.LEAD_SCORED;
    }
}
