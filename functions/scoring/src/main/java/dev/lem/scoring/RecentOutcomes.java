package dev.lem.scoring;

import dev.lem.predict.OutcomeContext;
import dev.lem.predict.OutcomeTallies;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OutcomeContext} features of today, as scoring predicts with them: the daily tallies (one Query of the
 * {@value OutcomeContext#PRIOR_DAYS} days before today) are read on the first prediction of each UTC day and again
 * when the last read is {@link #REFRESH} old — outcomes of earlier days can still arrive late (retries, redrives, an
 * outcome reported for yesterday), and a container would otherwise keep a morning's incomplete view all day. When
 * the read fails, the prediction goes without context (a model reads a missing number as its training mean), a
 * warning is logged, and the tallies are read again after {@link #RETRY_AFTER_FAILURE}, not on every prediction of a
 * throttled table. Safe for one thread per instance, as a Lambda handler is.
 */
public final class RecentOutcomes implements ConversionPredictor.ContextSource {

    static final Duration REFRESH = Duration.ofHours(1);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RecentOutcomes.class);

    private final OutcomeTallies tallies;
    private LocalDate day;
    private Instant readAt = Instant.MIN;
    private Instant failedAt = Instant.MIN;
    private Map<String, String> context = Map.of();

    public RecentOutcomes(OutcomeTallies tallies) {
        this.tallies = tallies;
    }

    @Override
    public Map<String, String> at(Instant now) {
        LocalDate today = OutcomeTallies.dayOf(now);
        boolean fresh = today.equals(day) && now.isBefore(readAt.plus(REFRESH));
        if (fresh) {
            return context;
        }
        if (now.isBefore(failedAt.plus(RETRY_AFTER_FAILURE))) {
            return today.equals(day) ? context : Map.of();
        }
        try {
            context = OutcomeContext.features(today, tallies.before(today));
            day = today;
            readAt = now;
        } catch (RuntimeException unreadable) {
            failedAt = now;
            // no PII here: the tallies are counts per day; the exception names the operation and the cause
            LOG.warn("event=outcome-context-unavailable day={} reason={}", today, unreadable.getClass().getSimpleName());
            return today.equals(day) ? context : Map.of();
        }
        return context;
    }
}
