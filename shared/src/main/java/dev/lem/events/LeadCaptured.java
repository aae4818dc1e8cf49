package dev.lem.events;

import java.time.Instant;

/** A form submission created or updated a lead. {@code newLead} is false for a returning lead. */
public record LeadCaptured(String eventId, Instant occurredAt, String leadId, String formId, boolean newLead,
                           String state, boolean emailConsent) implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.LEAD_CAPTURED;
    }
}
