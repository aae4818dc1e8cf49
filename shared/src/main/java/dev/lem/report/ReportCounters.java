package dev.lem.report;

import java.time.LocalDate;
import java.util.List;

/** The report counters: written once per tally, read per day range (no scans: one query per month). */
public interface ReportCounters {

    /** Adds the tally's counts unless its marker was recorded already; returns whether it counted. */
    boolean record(ReportTally tally);

    List<FunnelRow> funnel(LocalDate from, LocalDate to);

    List<JourneyRow> journeys(LocalDate from, LocalDate to);

    List<VelocityRow> velocity(LocalDate from, LocalDate to);

    /** A stored funnel counter: the count of {@link FunnelCount}s with these dimensions. */
    record FunnelRow(FunnelCount key, long count) {}

    record JourneyRow(JourneyCount key, long count) {}

    /** One day's time-in-state histogram of {@code state}. */
    record VelocityRow(LocalDate day, String state, TimeHistogram histogram, long count, double sumSeconds) {}
}
