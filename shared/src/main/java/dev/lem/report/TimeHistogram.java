package dev.lem.report;

import java.time.Duration;
import java.util.Arrays;

/**
 * Durations counted in fixed logarithmic buckets, so that counts can be added atomically (one counter per bucket)
 * and merged across days, and quantiles read without keeping samples. Bucket 0 holds durations under one minute;
 * bucket {@code i ≥ 1} holds {@code [60 s · 2^((i−1)/4), 60 s · 2^(i/4))}, four buckets per doubling, up to
 * bucket {@value #LAST} which holds everything from about two years on. A quantile is reported as its bucket's
 * geometric middle ({@code lower · 2^(1/8)}), so it is within ±{@code 2^(1/8) − 1} ≈ 9.1 % of a value in that
 * bucket (bucket 0 reports 30 s; the last bucket its lower bound).
 */
public final class TimeHistogram {

    /** Buckets per doubling of the duration. */
    public static final int PER_DOUBLING = 4;
    /** Index of the last (open-ended) bucket. */
    public static final int LAST = 82;
    public static final int BUCKETS = LAST + 1;
    private static final double FIRST_UPPER_SECONDS = 60;

    private final long[] counts;

    private TimeHistogram(long[] counts) {
        this.counts = counts;
    }

    public static TimeHistogram empty() {
        return new TimeHistogram(new long[BUCKETS]);
    }

    /** The histogram of these bucket counts (index = bucket); missing buckets count 0. */
    public static TimeHistogram of(long[] counts) {
        if (counts.length > BUCKETS) {
            throw new IllegalArgumentException("at most " + BUCKETS + " buckets");
        }
        return new TimeHistogram(Arrays.copyOf(counts, BUCKETS));
    }

    /** The bucket a duration falls in; negative durations (clock skew) count as 0. */
    public static int bucketOf(Duration duration) {
        double seconds = Math.max(0, duration.toMillis() / 1000.0);
        if (seconds < FIRST_UPPER_SECONDS) {
            return 0;
        }
        int index = 1 + (int) Math.floor(PER_DOUBLING * log2(seconds / FIRST_UPPER_SECONDS));
        return Math.min(index, LAST);
    }

    /** Lower bound of a bucket in seconds (0 for bucket 0). */
    public static double lowerSeconds(int bucket) {
        return bucket == 0 ? 0 : FIRST_UPPER_SECONDS * Math.pow(2, (bucket - 1) / (double) PER_DOUBLING);
    }

    /** The value a quantile landing in this bucket is reported as, in seconds. */
    public static double representativeSeconds(int bucket) {
        if (bucket == 0) {
            return FIRST_UPPER_SECONDS / 2;
        }
        if (bucket == LAST) {
            return lowerSeconds(bucket);
        }
        return lowerSeconds(bucket) * Math.pow(2, 1.0 / (2 * PER_DOUBLING));
    }

    public TimeHistogram plus(TimeHistogram other) {
        long[] sum = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            sum[i] = counts[i] + other.counts[i];
        }
        return new TimeHistogram(sum);
    }

    public TimeHistogram with(Duration duration) {
        long[] next = counts.clone();
        next[bucketOf(duration)]++;
        return new TimeHistogram(next);
    }

    public long count() {
        return Arrays.stream(counts).sum();
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    /**
     * The nearest-rank quantile {@code q} in (0, 1] in seconds (the sample of rank ⌈q·n⌉, reported as its bucket's
     * representative value), or NaN when empty.
     */
    public double quantileSeconds(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1]: " + q);
        }
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return representativeSeconds(i);
            }
        }
        return representativeSeconds(LAST);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
