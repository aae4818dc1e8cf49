package dev.lem.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/** A lead left {@code state} on {@code day} (UTC) after spending {@code timeInState} in it. */
public record VelocitySample(LocalDate day, String state, Duration timeInState) {
    public VelocitySample {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(timeInState, "timeInState");
        if (timeInState.isNegative()) {
            timeInState = Duration.ZERO;
        }
    }

    public int bucket() {
        return TimeHistogram.bucketOf(timeInState);
    }
}
