package dev.lem.events;

import java.math.BigDecimal;
import java.time.Instant;

/** Sales' verdict on a lead: {@code won} or {@code lost}, with the deal value when won. */
public record LeadOutcome(String eventId, Instant occurredAt, String leadId, String outcome, BigDecimal value,
                          String currency) implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.LEAD_OUTCOME;
    }
}
