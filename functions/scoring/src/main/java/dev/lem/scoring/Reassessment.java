package dev.lem.scoring;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadState;
import dev.lem.lead.Lifecycle;
import dev.lem.lead.ModelScore;
import dev.lem.lead.StateEntry;
import dev.lem.scoring.rules.ScoreModel;
import dev.lem.scoring.rules.ScoreModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One evaluation of a lead at {@code now} under every model: scores with explanation, the lead's primary score,
 * the state the thresholds call for (into MQL when any model reaches its MQL threshold from subscriber, lead or
 * re-market; out of MQL to re-market when none does any more), and when a decaying MQL falls below every
 * threshold (the only moment worth a timer).
 */
public record Reassessment(Map<String, ModelScore> scores, Lead lead, Optional<StateEntry> stateEntry,
                           Optional<Instant> fallsBelowAt) {

    public static Reassessment of(ScoreModels models, ScoreCalculator calculator, Lead lead, List<Activity> log,
                                  Instant now, boolean thresholdsMayMove) {
        return of(models, calculator, lead, log, now, thresholdsMayMove, Optional.empty());
    }

    /**
     * As above, where {@code predictiveReached} (e.g. {@code "predicted 0.42 >= 0.3"}) counts as one more model
     * at its MQL threshold. It has no known crossing time, so while it holds a lead in MQL no decay timer is set:
     * the next activity or timer re-evaluates it.
     */
    public static Reassessment of(ScoreModels models, ScoreCalculator calculator, Lead lead, List<Activity> log,
                                  Instant now, boolean thresholdsMayMove, Optional<String> predictiveReached) {
        Map<String, ModelScore> scores = new LinkedHashMap<>();
        List<String> reached = new ArrayList<>();
        List<Optional<Instant>> crossings = new ArrayList<>();
        predictiveReached.ifPresent(reason -> {
            reached.add(reason);
            crossings.add(Optional.empty());
        });
        for (ScoreModel model : models.models()) {
            ScoreEvaluation evaluation = calculator.evaluate(model, lead, log);
            ModelScore score = evaluation.scoreOf(now);
            scores.put(model.name(), score);
            OptionalInt mql = model.mqlThreshold();
            if (mql.isPresent() && score.score() >= mql.getAsInt()) {
                reached.add(model.name() + " " + score.score() + " >= " + mql.getAsInt());
                crossings.add(evaluation.firstBelow(mql.getAsInt(), now));
            }
        }
        Lead scored = lead.withScore(scores.get(models.primary().name()).score(), now);
        Optional<StateEntry> entry = Optional.empty();
        LeadState state = lead.state();
        if (thresholdsMayMove && !reached.isEmpty() && Lifecycle.SCORE_PROMOTES.contains(state)) {
            entry = Optional.of(new StateEntry(state, LeadState.MQL, now, "MQL threshold reached: " + String.join(", ", reached)));
        } else if (thresholdsMayMove && reached.isEmpty() && state == LeadState.MQL) {
            entry = Optional.of(new StateEntry(state, LeadState.RE_MARKET, now, "score fell below every MQL threshold"));
        }
        if (entry.isPresent()) {
            scored = scored.withState(entry.get().to(), now);
        }
        Optional<Instant> fallsBelow = Optional.empty();
        if (scored.state() == LeadState.MQL && !reached.isEmpty() && crossings.stream().allMatch(Optional::isPresent)) {
            fallsBelow = crossings.stream().map(Optional::get).max(Instant::compareTo);
        }
        return new Reassessment(Map.copyOf(scores), scored, entry, fallsBelow);
    }
}
