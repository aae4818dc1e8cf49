package dev.lem.predict;

import java.time.LocalDate;
import java.util.NavigableMap;

/**
 * How many outcomes were recorded per UTC day of their occurrence, and how many of them were won: what
 * {@link OutcomeContext} is computed from. A day's tally grows with each training row stored
 * ({@link TrainingRows#add}: the row and its count are one write), so a redelivered outcome counts once.
 */
public interface OutcomeTallies {

    /** The tallies of the days in {@code [fromInclusive, toExclusive)} that have any; days without outcomes are absent. */
    NavigableMap<LocalDate, OutcomeContext.Day> days(LocalDate fromInclusive, LocalDate toExclusive);

    /** The UTC day an outcome at {@code at} is counted on (and a scoring input at {@code at} is seen on). */
    static LocalDate dayOf(java.time.Instant at) {
        return at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    /** The tallies {@link OutcomeContext#features} reads for {@code day}: the {@value OutcomeContext#PRIOR_DAYS} days before it. */
    default NavigableMap<LocalDate, OutcomeContext.Day> before(LocalDate day) {
        return days(day.minusDays(OutcomeContext.PRIOR_DAYS), day);
    }
}
