package dev.lem.journey;

import dev.lem.lead.Contribution;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadStandingStore;
import dev.lem.lead.ModelScore;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a lead scores what it scores, in one line for the sales task: per score model its top contributing rules,
 * e.g. {@code default 57: form-fill +30, pricing-page +25, page-view +2}. Read from the standing scoring stores,
 * so a hand-off carries the explanation of the score it was made on.
 */
@FunctionalInterface
public interface ScoreExplanations {

    /** Message data values stay short: a longer explanation is cut here. */
    int MAX_LENGTH = 500;

    Optional<String> of(LeadId leadId);

    /** No explanations (journeys without a scoring store behind them). */
    ScoreExplanations NONE = leadId -> Optional.empty();

    static ScoreExplanations from(LeadStandingStore standings) {
        return leadId -> standings.find(leadId).map(ScoreExplanations::describe).filter(text -> !text.isEmpty());
    }

    static String describe(LeadStanding standing) {
        String text = standing.sortedScores().values().stream().filter(score -> !score.topContributions().isEmpty())
                .map(ScoreExplanations::describe).collect(Collectors.joining("; "));
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String describe(ModelScore score) {
        return score.model() + " " + score.score() + ": " + score.topContributions().stream()
                .map(ScoreExplanations::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Contribution contribution) {
        long points = Math.round(contribution.points());
        return contribution.ruleId() + " " + (points >= 0 ? "+" : "") + points;
    }
}
