package dev.lem.local.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The run's clock: every handler reads it; the run moves it forward to fire timers (days pass in seconds). */
final class SimulatedClock extends Clock {

    private volatile Instant now;

    SimulatedClock(Instant start) {
        this.now = start;
    }

    void advanceTo(Instant at) {
        if (at.isAfter(now)) {
            now = at;
        }
    }

    void tick(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
