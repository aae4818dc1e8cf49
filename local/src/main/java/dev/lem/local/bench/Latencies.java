package dev.lem.local.bench;

import java.util.Arrays;
import java.util.Locale;

/** One run's latencies, in nanoseconds, and what they sum up to. */
record Latencies(String name, long[] nanos, long wallNanos) {

    /** The p-th percentile (0 &lt; p ≤ 100), nearest-rank. */
    long percentile(double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double perSecond() {
        return nanos.length / (wallNanos / 1e9);
    }

    String row() {
        return String.format(Locale.ROOT, "%-44s %8d %12.0f %10s %10s %10s %10s", name, nanos.length, perSecond(),
                format(percentile(50)), format(percentile(99)), format(percentile(99.9)), format(percentile(100)));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-44s %8s %12s %10s %10s %10s %10s", "benchmark", "n", "ops/s", "p50", "p99",
                "p99.9", "max");
    }

    static String format(long nanos) {
        if (nanos < 10_000) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
