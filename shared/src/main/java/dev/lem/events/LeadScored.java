package dev.lem.events;

import dev.lem.lead.Contribution;
import java.time.Instant;
import java.util.List;

/**
 * A lead's score changed, with the rule version that produced it. Since the scoring issue (additive, still
 * version 1): {@code model} names the score model (absent: the primary one) and {@code topContributions} lists
 * the rules that contributed most, for the sales hand-off.
 */
public record LeadScored(String eventId, Instant occurredAt, String leadId, int score, int previousScore,
                         String rulesVersion, String cause, String model, List<Contribution> topContributions)
        implements LemEvent {

    public LeadScored {
        topContributions = topContributions == null || topContributions.isEmpty() ? null : List.copyOf(topContributions);
    }

    /** A score of the primary model without explanation. */
    public LeadScored(String eventId, Instant occurredAt, String leadId, int score, int previousScore,
                      String rulesVersion, String cause) {
        this(eventId, occurredAt, leadId, score, previousScore, rulesVersion, cause, null, null);
    }

    @Override
    public DetailType detailType() {
        return DetailType.LEAD_SCORED;
    }
}
