package dev.lem.local;

import dev.lem.events.LeadOutcome;
import dev.lem.events.LemEvent;
import dev.lem.training.rows.OutcomeRowRecorder;
import java.util.function.Consumer;

/**
 * {@code lem up}'s stand-in for the deployed outcome-rows rule ({@code dev.lem.predict.TrainingRules}): every
 * {@code lead.outcome} put on the local bus becomes a training row in the local table (with its outcome context, and
 * counted in its day's {@code OUTCOMES#DAILY} tally), so {@code TRAINING#<week>} items and the tallies accumulate as
 * they would deployed. The weekly training itself is not scheduled
 * locally; train with {@code lem model train}.
 */
final class LocalTrainingRows implements Consumer<LemEvent> {

    private final OutcomeRowRecorder recorder;

    LocalTrainingRows(OutcomeRowRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void accept(LemEvent event) {
        if (event instanceof LeadOutcome outcome) {
            recorder.record(outcome);
        }
    }
}
