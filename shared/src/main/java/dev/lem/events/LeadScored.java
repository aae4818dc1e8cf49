package dev.lem.events;

import dev.lem.lead.Contribution;
import dev.lem.lead.PredictedConversion;
import java.time.Instant;
import java.util.List;

/**
 * A lead's score changed, with the rule version that produced it. Since the scoring issue (additive, still
 * version 1): {@code model} names the score model (absent: the primary one) and {@code topContributions} lists
 * the rules that contributed most, for the sales hand-off. Since the predictive-score issue (additive, still
 * version 1): {@code prediction} carries the predicted conversion probability, model version and top features
 * when scoring runs with a predictive model (absent otherwise).
 */
public record LeadScored(String eventId, Instant occurredAt, String leadId, int score, int previousScore,
                         String rulesVersion, String cause, String model, List<Contribution> topContributions,
                         PredictedConversion prediction)
        implements LemEvent {

    public LeadScored {
        topContributions = topContributions == null || topContributions.isEmpty() ? null : List.copyOf(topContributions);
    }

    /** A score without a prediction. */
    public LeadScored(String eventId, Instant occurredAt, String leadId, int score, int previousScore,
                      String rulesVersion, String cause, String model, List<Contribution> topContributions) {
        this(eventId, occurredAt, leadId, score, previousScore, rulesVersion, cause, model, topContributions, null);
    }

    /** A score of the primary model without explanation. */
    public LeadScored(String eventId, Instant occurredAt, String leadId, int score, int previousScore,
                      String rulesVersion, String cause) {
        this(eventId, occurredAt, leadId, score, previousScore, rulesVersion, cause, null, null, null);
    }

    @Override
    public DetailType detailType() {
        return DetailType.LEAD_SCORED;
    }
}
