package dev.lem.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowDatesTest {

    @Test
    void of_whenIsoDatesAndDateTimes_expectTheirUtcDays() {
        CsvTable table = CsvTables.of(List.of("at", "y"), "2026-01-05,no", "2026-01-05T23:30:00Z,no",
                "2026-01-06T01:30:00+02:00,no", "2026-01-07T08:00:00,yes", "2026-01-07 09:00:00,no", "2026-01-07T10:15Z,no");

        assertThat(RowDates.of(table, List.of("at"))).containsExactly(LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 7), LocalDate.of(2026, 1, 7),
                LocalDate.of(2026, 1, 7));
    }

    @Test
    void of_whenDayAndMonth_expectYearsCountedFromTheTimeOrder() {
        CsvTable table = CsvTables.of(List.of("day", "month", "y"), "5,may,no", "30,Dec,no", "2,jan,yes", "29,2,no",
                "1,March,no", "3,11,no", "4,may,no");

        LocalDate[] days = RowDates.of(table, List.of("day", "month"));

        assertThat(days).containsExactly(LocalDate.of(2000, 5, 5), LocalDate.of(2000, 12, 30), LocalDate.of(2001, 1, 2),
                LocalDate.of(2001, 2, 28), LocalDate.of(2001, 3, 1), LocalDate.of(2001, 11, 3), LocalDate.of(2002, 5, 4));
    }

    @Test
    void of_whenRowsOutOfTimeOrder_expectErrorNamingTheRow() {
        CsvTable table = CsvTables.of(List.of("day", "month", "y"), "5,may,no", "9,may,no", "7,may,yes");

        assertThatThrownBy(() -> RowDates.of(table, List.of("day", "month")))
                .isInstanceOf(BadTrainingDataException.class)
                .hasMessageContaining("row 3").hasMessageContaining("time order");
        assertThatThrownBy(() -> RowDates.of(CsvTables.of(List.of("at", "y"), "2026-02-01,no", "2026-01-31,no"), List.of("at")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("row 2");
    }

    @Test
    void of_whenValuesAreNotTimes_expectClearErrors() {
        assertThatThrownBy(() -> RowDates.of(CsvTables.of(List.of("at", "y"), "yesterday,no"), List.of("at")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("'yesterday' is not an ISO date");
        assertThatThrownBy(() -> RowDates.of(CsvTables.of(List.of("day", "month", "y"), "32,may,no"), List.of("day", "month")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("day of month '32'");
        assertThatThrownBy(() -> RowDates.of(CsvTables.of(List.of("day", "month", "y"), "3,mai,no"), List.of("day", "month")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("month 'mai'");
        assertThatThrownBy(() -> RowDates.of(CsvTables.of(List.of("at", "y"), "2026-01-01,no"), List.of("when")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("'when'");
    }
}
