package dev.lem.predict;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * How conversion is going lately, as model inputs: the same for every lead on a given day, built from the number of
 * outcomes recorded per day and how many of them were won. It stands in for what a lead's own fields cannot tell —
 * the market, the season, how hard sales is pushing — which is why conversion drifts over time (on the bank
 * benchmark it goes from 3 % to 50 % a month). Only days <em>before</em> {@code day} count: nothing of the day itself,
 * nothing of the future, so a training row built as of its outcome day and a scoring input built as of today see the
 * same kind of information.
 * <ul>
 *   <li>{@value #LOG_OUTCOMES_7D}, {@value #LOG_OUTCOMES_30D}: ln(1 + outcomes in the 7 / 30 days before) — volume
 *       (a mass campaign converts less than a targeted one), log-scaled because counts are heavy-tailed;</li>
 *   <li>{@value #WIN_RATE_7D}: the share won in the 7 days before, shrunk towards the 30-day share, itself shrunk
 *       towards the {@value #PRIOR_DAYS}-day share ({@value #SHRINKAGE} pseudo-outcomes each), so a quiet week does
 *       not read as 0 % or 100 %. With no history at all every rate is 0.</li>
 * </ul>
 */
public final class OutcomeContext {

    public static final String LOG_OUTCOMES_7D = "context.logOutcomes7d";
    public static final String LOG_OUTCOMES_30D = "context.logOutcomes30d";
    public static final String WIN_RATE_7D = "context.winRate7d";
    /** Every feature {@link #features} returns, in its order. */
    public static final List<String> FEATURES = List.of(LOG_OUTCOMES_7D, LOG_OUTCOMES_30D, WIN_RATE_7D);
    /** How far back the prior share reaches: the tallies a caller must supply (days before the day in question). */
    public static final int PRIOR_DAYS = 365;
    static final double SHRINKAGE = 10;

    /** One day's tally: outcomes recorded that day, and how many of them were won. */
    public record Day(long outcomes, long won) {
        public Day {
            if (outcomes < 0 || won < 0 || won > outcomes) {
                throw new IllegalArgumentException("a day has 0 <= won <= outcomes, got " + won + " of " + outcomes);
            }
        }

        public Day plus(Day other) {
            return new Day(outcomes + other.outcomes, won + other.won);
        }
    }

    private OutcomeContext() {}

    /**
     * The context features of a lead seen on {@code day}. {@code tallies} may hold any days (those on or after
     * {@code day}, or more than {@value #PRIOR_DAYS} days before, are not read); days missing count as no outcomes.
     */
    public static Map<String, String> features(LocalDate day, NavigableMap<LocalDate, Day> tallies) {
        Objects.requireNonNull(day, "day");
        Day week = sum(tallies, day, 7);
        Day month = sum(tallies, day, 30);
        Day year = sum(tallies, day, PRIOR_DAYS);
        double prior = year.outcomes() == 0 ? 0 : (double) year.won() / year.outcomes();
        double monthRate = shrunk(month, prior);
        double weekRate = shrunk(week, monthRate);
        Map<String, String> features = new LinkedHashMap<>();
        features.put(LOG_OUTCOMES_7D, number(Math.log1p(week.outcomes())));
        features.put(LOG_OUTCOMES_30D, number(Math.log1p(month.outcomes())));
        features.put(WIN_RATE_7D, number(weekRate));
        return features;
    }

    /** The tallies of the {@code days} days before {@code day} (not {@code day} itself). */
    static Day sum(NavigableMap<LocalDate, Day> tallies, LocalDate day, int days) {
        Day total = new Day(0, 0);
        for (Day tally : tallies.subMap(day.minusDays(days), true, day, false).values()) {
            total = total.plus(tally);
        }
        return total;
    }

    private static double shrunk(Day tally, double prior) {
        return (tally.won() + SHRINKAGE * prior) / (tally.outcomes() + SHRINKAGE);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
