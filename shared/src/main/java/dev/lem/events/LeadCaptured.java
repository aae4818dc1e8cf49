package dev.lem.events;

import java.time.Instant;

/**
 * A form submission created or updated a lead. {@code newLead} is false for a returning lead. {@code source},
 * {@code medium} and {@code campaign} are this submission's attribution (optional: null when unknown, left out of
 * the JSON).
 */
public record LeadCaptured(String eventId, Instant occurredAt, String leadId, String formId, boolean newLead,
                           String state, boolean emailConsent, String source, String medium, String campaign)
        implements LemEvent {

    public LeadCaptured(String eventId, Instant occurredAt, String leadId, String formId, boolean newLead,
                        String state, boolean emailConsent) {
        this(eventId, occurredAt, leadId, formId, newLead, state, emailConsent, null, null, null);
    }

    @Override
    public DetailType detailType() {
        return DetailType.LEAD_CAPTURED;
    }
}
