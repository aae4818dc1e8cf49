package dev.lem.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.predict.OutcomeContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeContextTest {

    private static String value(CsvTable table, int row, String column) {
        return table.rows().get(row)[table.columnIndex(column)];
    }

    @Test
    void addTo_whenRowsOverSeveralDays_expectEachRowToSeeOnlyEarlierDays() {
        CsvTable history = CsvTables.of(List.of("at", "visits", "y"),
                "2026-03-01,1,no", "2026-03-01,2,no",            // day 1: nothing before it
                "2026-03-02,3,yes", "2026-03-02,4,yes",          // day 2: sees day 1 (2 outcomes, none won), not itself
                "2026-03-03,5,no");                              // day 3: sees 4 outcomes, 2 won

        CsvTable withContext = TimeContext.addTo(history, List.of("at"), "y");

        assertThat(withContext.header()).containsExactly("at", "visits", "y", OutcomeContext.LOG_OUTCOMES_7D,
                OutcomeContext.LOG_OUTCOMES_30D, OutcomeContext.WIN_RATE_7D);
        assertThat(value(withContext, 0, OutcomeContext.LOG_OUTCOMES_7D)).isEqualTo("0.0000");
        assertThat(value(withContext, 2, OutcomeContext.LOG_OUTCOMES_7D)).isEqualTo(fourDecimals(Math.log1p(2)));
        assertThat(value(withContext, 3, OutcomeContext.WIN_RATE_7D)).isEqualTo("0.0000");
        assertThat(value(withContext, 4, OutcomeContext.LOG_OUTCOMES_7D)).isEqualTo(fourDecimals(Math.log1p(4)));
        assertThat(Double.parseDouble(value(withContext, 4, OutcomeContext.WIN_RATE_7D))).isEqualTo(0.5);
        assertThat(value(withContext, 4, "visits")).isEqualTo("5");
    }

    @Test
    void addTo_whenTheFileHasAContextColumnAlready_expectError() {
        CsvTable clash = CsvTables.of(List.of("at", OutcomeContext.WIN_RATE_7D, "y"), "2026-03-01,1,no", "2026-03-02,1,yes");

        assertThatThrownBy(() -> TimeContext.addTo(clash, List.of("at"), "y"))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("already in the file");
    }

    @Test
    void addTo_whenTimeIsTheOutcome_expectError() {
        CsvTable history = CsvTables.of(List.of("at", "y"), "2026-03-01,no", "2026-03-02,yes");

        assertThatThrownBy(() -> TimeContext.addTo(history, List.of("y"), "y"))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("outcome");
    }

    private static String fourDecimals(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
