package dev.lem.cost;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Lambda invocation used: its function, the campaign it worked for (if one), its billed duration
 * (elapsed time rounded up to 1 ms, as Lambda bills), its memory, and its AWS requests per meter and per
 * {@code Service.Operation}. Written as one EMF log line per invocation ({@link EmfRecords}); no PII.
 */
public record InvocationUsage(String function, Optional<String> campaign, Instant at, long billedMs, int memoryMb,
                              Map<String, Long> meters, Map<String, Long> operations, long retries, long throttles) {

    public InvocationUsage {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(at, "at");
        meters = Map.copyOf(meters);
        operations = Map.copyOf(operations);
        if (billedMs < 0 || memoryMb < 0 || retries < 0 || throttles < 0) {
            throw new IllegalArgumentException("usage figures must not be negative");
        }
    }

    /** Billed duration, rounded up to the next millisecond (at least 1 ms), as Lambda bills. */
    public static long billedMillis(long elapsedNanos) {
        return Math.max(1, (Math.max(0, elapsedNanos) + 999_999) / 1_000_000);
    }

    /** This invocation as {@link Usage} (one invocation). */
    public Usage usage() {
        return new Usage(meters, 1, billedMs, billedMs * memoryMb);
    }
}
