package dev.lem.scoring;

import dev.lem.predict.OutcomeContext;
import dev.lem.predict.OutcomeTallies;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OutcomeContext} features of today, as scoring predicts with them: the daily tallies are read on the first
 * prediction of each UTC day (one Query of the {@value OutcomeContext#PRIOR_DAYS} days before) and kept for the rest
 * of it — they only change for days before today once the day is over. When the read fails, the prediction goes
 * without context (a model reads a missing number as its training mean), a warning is logged, and the next prediction
 * reads again: a failure is not kept. Safe for one thread per instance, as a Lambda handler is.
 */
public final class RecentOutcomes implements ConversionPredictor.ContextSource {

    private static final Logger LOG = LoggerFactory.getLogger(RecentOutcomes.class);

    private final OutcomeTallies tallies;
    private LocalDate day;
    private Map<String, String> context = Map.of();

    public RecentOutcomes(OutcomeTallies tallies) {
        this.tallies = tallies;
    }

    @Override
    public Map<String, String> at(Instant now) {
        LocalDate today = OutcomeTallies.dayOf(now);
        if (today.equals(day)) {
            return context;
        }
        try {
            context = OutcomeContext.features(today, tallies.before(today));
            day = today;
        } catch (RuntimeException unreadable) {
            // no PII here: the tallies are counts per day; the exception names the operation and the cause
            LOG.warn("event=outcome-context-unavailable day={} reason={}", today, unreadable.getClass().getSimpleName());
            return Map.of();
        }
        return context;
    }
}
