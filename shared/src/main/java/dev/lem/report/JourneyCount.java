package dev.lem.report;

import java.time.LocalDate;
import java.util.Objects;

/** One journey message counter: on {@code day}, a message of journey step {@code step} was sent, opened or clicked. */
public record JourneyCount(LocalDate day, String journey, int step, JourneyMetric metric) {
    public JourneyCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(metric, "metric");
    }
}
