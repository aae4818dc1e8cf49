package dev.lem.training;

import dev.lem.predict.OutcomeContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --time}: adds the {@link OutcomeContext} columns to a time-ordered CSV — for each row, the outcome volume and
 * win rate of the days before its day, counted from the rows themselves — exactly what scoring adds from the stored
 * daily tallies. The time column(s) themselves are not inputs afterwards (the caller ignores them): calendar values
 * seen in training (a day of month, "May") do not recur after it, and the context carries what they meant.
 * <p>
 * The time must be when each row's outcome became known (for a phone campaign, the call): a row's context counts the
 * outcomes of earlier days as known. On holdout rows that includes earlier holdout days, as scoring would have them;
 * the model itself is trained on the training rows only.
 */
final class TimeContext {

    private TimeContext() {}

    static CsvTable addTo(CsvTable table, List<String> timeColumns, String outcome) {
        int outcomeIndex = table.columnIndex(outcome);
        if (outcomeIndex < 0) {
            throw new BadTrainingDataException("no outcome column '" + outcome + "'; the header has " + table.header());
        }
        if (timeColumns.contains(outcome)) {
            throw new BadTrainingDataException("--time must not name the outcome column");
        }
        LocalDate[] days = RowDates.of(table, timeColumns);
        String positive = Outcomes.positiveLabel(table, outcomeIndex);
        List<String> names = OutcomeContext.FEATURES;
        for (String name : names) {
            if (table.columnIndex(name) >= 0) {
                throw new BadTrainingDataException("column '" + name + "' is already in the file; --time adds it");
            }
        }
        List<String> header = new ArrayList<>(table.header());
        header.addAll(names);
        TreeMap<LocalDate, OutcomeContext.Day> tallies = new TreeMap<>();
        List<String[]> rows = new ArrayList<>(table.rows().size());
        Map<String, String> context = null;
        for (int i = 0; i < days.length; i++) {
            if (i == 0 || !days[i].equals(days[i - 1])) {
                context = OutcomeContext.features(days[i], tallies);
            }
            String[] row = table.rows().get(i);
            String[] extended = new String[header.size()];
            System.arraycopy(row, 0, extended, 0, row.length);
            for (int c = 0; c < names.size(); c++) {
                extended[row.length + c] = context.get(names.get(c));
            }
            rows.add(extended);
            boolean won = row[outcomeIndex].equals(positive);
            tallies.merge(days[i], new OutcomeContext.Day(1, won ? 1 : 0), OutcomeContext.Day::plus);
        }
        return new CsvTable(header, rows);
    }
}
