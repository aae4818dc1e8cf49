package dev.lem.events;

import java.time.Instant;

/** A lead entered a lifecycle state; {@code slaBreached} marks an SLA timer that fired. */
public record LeadStateChanged(String eventId, Instant occurredAt, String leadId, String from, String to,
                               String reason, boolean slaBreached) implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.LEAD_STATE_CHANGED;
    }
}
