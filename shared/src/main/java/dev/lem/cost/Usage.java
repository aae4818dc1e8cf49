package dev.lem.cost;

import java.util.Map;
import java.util.TreeMap;

/**
 * Usage over any span: billed units per meter ({@link RequestMeters}), Lambda invocations, billed milliseconds and
 * billed megabyte-milliseconds (billed ms × memory MB, summed per invocation, so functions of different sizes add up).
 */
public record Usage(Map<String, Long> meters, long invocations, long billedMs, long billedMbMs) {

    public static final Usage NONE = new Usage(Map.of(), 0, 0, 0);

    public Usage {
        meters = Map.copyOf(meters);
        if (invocations < 0 || billedMs < 0 || billedMbMs < 0 || meters.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("usage figures must not be negative");
        }
    }

    public Usage plus(Usage other) {
        Map<String, Long> sum = new TreeMap<>(meters);
        other.meters.forEach((meter, count) -> sum.merge(meter, count, Long::sum));
        return new Usage(sum, invocations + other.invocations, billedMs + other.billedMs, billedMbMs + other.billedMbMs);
    }

    /** Requests per service ({@code dynamodb.read} and {@code dynamodb.write} both count as {@code dynamodb}), sorted. */
    public Map<String, Long> requestsByService() {
        Map<String, Long> byService = new TreeMap<>();
        meters.forEach((meter, count) -> {
            if (count > 0) {
                byService.merge(RequestMeters.serviceOf(meter), count, Long::sum);
            }
        });
        return byService;
    }

    /** Lambda GB-seconds: MB-ms / 1024 / 1000. */
    public double gigabyteSeconds() {
        return billedMbMs / 1024.0 / 1000.0;
    }
}
