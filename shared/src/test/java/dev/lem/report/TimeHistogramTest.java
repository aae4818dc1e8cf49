package dev.lem.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeHistogramTest {

    @Test
    void bucketOf_whenDurationsAtBoundaries_placesThemByFourBucketsPerDoubling() {
        assertThat(TimeHistogram.bucketOf(Duration.ofSeconds(59))).isZero();
        assertThat(TimeHistogram.bucketOf(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(TimeHistogram.bucketOf(Duration.ofSeconds(119))).isEqualTo(4);
        assertThat(TimeHistogram.bucketOf(Duration.ofSeconds(120))).isEqualTo(5);
        assertThat(TimeHistogram.bucketOf(Duration.ofHours(1))).isEqualTo(1 + (int) Math.floor(4 * Math.log(60) / Math.log(2)));
        assertThat(TimeHistogram.bucketOf(Duration.ofDays(3650))).isEqualTo(TimeHistogram.LAST);
        assertThat(TimeHistogram.bucketOf(Duration.ofSeconds(-5))).isZero();
    }

    @Test
    void quantileSeconds_whenEveryValueIsReported_isWithinNinePercent() {
        for (long seconds = 60; seconds < 40_000_000; seconds = seconds * 13 / 10) {
            double reported = TimeHistogram.empty().with(Duration.ofSeconds(seconds)).quantileSeconds(0.5);
            assertThat(reported).isCloseTo(seconds, within(seconds * 0.091));
        }
    }

    @Test
    void quantileSeconds_whenTenSamples_usesNearestRank() {
        TimeHistogram h = TimeHistogram.empty();
        for (int minutes = 1; minutes <= 10; minutes++) {
            h = h.with(Duration.ofMinutes(minutes * 10L));
        }
        // rank ⌈0.5·10⌉ = 5 → 50 min; rank ⌈0.9·10⌉ = 9 → 90 min; each reported as its bucket's middle
        assertThat(h.quantileSeconds(0.5)).isEqualTo(TimeHistogram.representativeSeconds(TimeHistogram.bucketOf(Duration.ofMinutes(50))));
        assertThat(h.quantileSeconds(0.9)).isEqualTo(TimeHistogram.representativeSeconds(TimeHistogram.bucketOf(Duration.ofMinutes(90))));
        assertThat(h.count()).isEqualTo(10);
    }

    @Test
    void plus_whenMerged_addsBucketCounts() {
        TimeHistogram a = TimeHistogram.empty().with(Duration.ofMinutes(5));
        TimeHistogram b = TimeHistogram.empty().with(Duration.ofMinutes(5)).with(Duration.ofDays(2));

        TimeHistogram sum = a.plus(b);

        assertThat(sum.count()).isEqualTo(3);
        assertThat(sum.count(TimeHistogram.bucketOf(Duration.ofMinutes(5)))).isEqualTo(2);
        assertThat(TimeHistogram.empty().quantileSeconds(0.5)).isNaN();
    }
}
