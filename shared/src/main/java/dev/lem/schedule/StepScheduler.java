package dev.lem.schedule;

import java.time.Instant;

/** One-shot timers (drip steps, SLA timers): at {@code at}, the drip function receives {@code payload}. */
public interface StepScheduler {

    /** Schedules once; scheduling the same name again is a no-op (redelivery-safe). */
    void scheduleOnce(String name, Instant at, String payloadJson);

    /** Cancels a pending timer; cancelling one that already fired or never existed is a no-op. */
    void cancel(String name);
}
