package dev.lem.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Sales' verdict on a lead: {@code won}, {@code lost} or {@code disqualified}, with the deal value when won, an
 * optional reason ("budget", "no response") and the system that reported it ({@code crm}, {@code call-centre}).
 */
public record LeadOutcome(String eventId, Instant occurredAt, String leadId, String outcome, BigDecimal value,
                          String currency, String reason, String source) implements LemEvent {

    /** An outcome without reason or source (the fields of the first version of the contract). */
    public LeadOutcome(String eventId, Instant occurredAt, String leadId, String outcome, BigDecimal value,
                       String currency) {
        this(eventId, occurredAt, leadId, outcome, value, currency, null, null);
    }

    @Override
    public DetailType detailType() {
        return DetailType.LEAD_OUTCOME;
    }
}
