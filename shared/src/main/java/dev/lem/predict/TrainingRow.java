package dev.lem.predict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One labelled example for training: a lead's features as they stood when its outcome was reported
 * ({@link LeadFeatures}: no names, emails or phone numbers), and whether it converted ({@code won}). Keyed by the
 * outcome's event id (one row per outcome) and filed under the ISO week of the outcome.
 */
public record TrainingRow(String outcomeId, Instant occurredAt, String outcome, Map<String, String> features) {

    public static final String WON = "won";

    public TrainingRow {
        Objects.requireNonNull(outcomeId, "outcomeId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(outcome, "outcome");
        features = Map.copyOf(features);
    }

    public boolean converted() {
        return WON.equals(outcome);
    }

    public String week() {
        return week(occurredAt);
    }

    /** The ISO week of {@code at} in UTC, as {@code yyyy-Www} ({@code 2026-W48}). */
    public static String week(Instant at) {
        var date = at.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
