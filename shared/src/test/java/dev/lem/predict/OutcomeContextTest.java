package dev.lem.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.predict.OutcomeContext.Day;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OutcomeContextTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void noHistoryGivesZeroVolumeAndZeroRate() {
        Map<String, String> features = OutcomeContext.features(TODAY, new TreeMap<>());

        assertThat(features).containsExactly(
                Map.entry(OutcomeContext.LOG_OUTCOMES_7D, "0.0000"),
                Map.entry(OutcomeContext.LOG_OUTCOMES_30D, "0.0000"),
                Map.entry(OutcomeContext.WIN_RATE_7D, "0.0000"));
        assertThat(features.keySet()).containsExactlyElementsOf(OutcomeContext.FEATURES);
    }

    @Test
    void countsOnlyTheDaysBeforeTheDayWithinEachWindow() {
        TreeMap<LocalDate, Day> tallies = new TreeMap<>();
        tallies.put(TODAY, new Day(1000, 1000));              // the day itself: not known yet
        tallies.put(TODAY.plusDays(3), new Day(1000, 0));     // the future
        tallies.put(TODAY.minusDays(1), new Day(3, 1));       // in both windows
        tallies.put(TODAY.minusDays(7), new Day(4, 2));       // last day of the 7-day window
        tallies.put(TODAY.minusDays(8), new Day(13, 0));      // 30-day window only
        tallies.put(TODAY.minusDays(31), new Day(500, 500));  // prior only

        Map<String, String> features = OutcomeContext.features(TODAY, tallies);

        assertThat(features.get(OutcomeContext.LOG_OUTCOMES_7D)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", Math.log1p(7)));
        assertThat(features.get(OutcomeContext.LOG_OUTCOMES_30D)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", Math.log1p(20)));
        double prior = 503.0 / 520;
        double month = (3 + 10 * prior) / (20 + 10);
        double week = (3 + 10 * month) / (7 + 10);
        assertThat(Double.parseDouble(features.get(OutcomeContext.WIN_RATE_7D))).isCloseTo(week, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aQuietWeekReadsAsTheLongerRunRateNotAsZero() {
        TreeMap<LocalDate, Day> tallies = new TreeMap<>();
        tallies.put(TODAY.minusDays(20), new Day(100, 40));

        double week = Double.parseDouble(OutcomeContext.features(TODAY, tallies).get(OutcomeContext.WIN_RATE_7D));

        assertThat(week).isGreaterThan(0.3).isLessThan(0.41);
    }

    @Test
    void aDayCannotWinMoreThanItRecorded() {
        assertThatThrownBy(() -> new Day(2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Day(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
