package dev.lem.local.faults;

import java.time.Duration;

/**
 * What a fault-injection run does: how many leads it captures, the seed of every random decision, and how hard it
 * hits the system — the share of handler invocations that fail, the share of SES and Scheduler calls answered with
 * throttling, a crash after the store write instead of the event publish once every {@code crashEvery} publishes —
 * and how far the simulated clock runs (drip timers due later stay pending).
 */
public record FaultPlan(int leads, long seed, double handlerFailureRate, double throttleShare, int crashEvery,
                        int pixelHitsPerLead, Duration horizon) {

    public static final double DEFAULT_FAILURE_RATE = 0.10;
    public static final double DEFAULT_THROTTLE_SHARE = 0.25;
    public static final int DEFAULT_CRASH_EVERY = 7;
    public static final int DEFAULT_PIXEL_HITS = 3;
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

    public FaultPlan {
        if (leads < 1 || leads > 100_000) {
            throw new IllegalArgumentException("leads must be 1-100000");
        }
        if (handlerFailureRate < 0 || handlerFailureRate >= 1 || throttleShare < 0 || throttleShare >= 1) {
            throw new IllegalArgumentException("rates must be in [0, 1)");
        }
        if (crashEvery < 2) {
            throw new IllegalArgumentException("crashEvery must be at least 2");
        }
        if (pixelHitsPerLead < 0 || horizon.isNegative()) {
            throw new IllegalArgumentException("pixel hits and horizon must not be negative");
        }
    }

    /** The plan: 10 % of invocations fail, a quarter of SES/Scheduler calls throttled, a crash every 7th publish. */
    public static FaultPlan of(int leads, long seed) {
        return new FaultPlan(leads, seed, DEFAULT_FAILURE_RATE, DEFAULT_THROTTLE_SHARE, DEFAULT_CRASH_EVERY,
                DEFAULT_PIXEL_HITS, DEFAULT_HORIZON);
    }
}
