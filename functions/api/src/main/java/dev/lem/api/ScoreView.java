package dev.lem.api;

import dev.lem.lead.Contribution;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.ModelScore;
import dev.lem.lead.PredictedConversion;
import dev.lem.lead.StateEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /leads/{id}/score}: the score of every model with the rules version that produced it and the top
 * contributing rules, the lifecycle state, the lifecycle log with the time spent in each state, and — when scoring
 * runs with a predictive model — the predicted conversion probability with its model version and top features
 * ({@code prediction}; absent otherwise).
 */
public record ScoreView(String leadId, int score, String state, Instant stateEnteredAt, String contactStatus,
                        List<Model> models, List<Stay> lifecycle, PredictedConversion prediction) {

    /** One model's score as last evaluated. */
    public record Model(String model, String rulesVersion, int score, Instant evaluatedAt, List<Contribution> topContributions) {}

    /** One stay in a state; {@code leftAt} empty (null) for the current one, time in state counted to {@code now}. */
    public record Stay(String state, String from, Instant enteredAt, Instant leftAt, long secondsInState, String reason) {}

    public static ScoreView of(Lead lead, LeadStanding standing, List<StateEntry> history, Instant now) {
        List<Model> models = standing.sortedScores().values().stream().map(ScoreView::model).toList();
        List<Stay> stays = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            StateEntry entry = history.get(i);
            Instant left = i + 1 < history.size() ? history.get(i + 1).enteredAt() : null;
            Instant until = left == null ? now : left;
            stays.add(new Stay(entry.to().wireName(), entry.from().wireName(), entry.enteredAt(), left,
                    Math.max(0, Duration.between(entry.enteredAt(), until).toSeconds()),
                    entry.reason().isEmpty() ? null : entry.reason()));
        }
        return new ScoreView(lead.id().value(), lead.score(), lead.state().wireName(), lead.stateEnteredAt(),
                standing.contactStatus().wireName(), models, stays, standing.prediction().orElse(null));
    }

    private static Model model(ModelScore score) {
        return new Model(score.model(), score.rulesVersion(), score.score(), score.evaluatedAt(), score.topContributions());
    }
}
