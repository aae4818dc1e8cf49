package dev.lem.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingRowTest {

    @Test
    void week_isTheIsoWeekInUtc_includingAtYearBoundaries() {
        assertThat(TrainingRow.week(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo("2026-W48");
        assertThat(TrainingRow.week(Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo("2026-W47");
        // 1 January 2027 is a Friday: ISO week 53 of 2026
        assertThat(TrainingRow.week(Instant.parse("2027-01-01T12:00:00Z"))).isEqualTo("2026-W53");
        assertThat(TrainingRow.week(Instant.parse("2027-01-04T12:00:00Z"))).isEqualTo("2027-W01");
    }

    @Test
    void converted_onlyForWon() {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(new TrainingRow("o1", at, "won", Map.of()).converted()).isTrue();
        assertThat(new TrainingRow("o2", at, "lost", Map.of()).converted()).isFalse();
        assertThat(new TrainingRow("o3", at, "disqualified", Map.of()).converted()).isFalse();
    }
}
