package dev.lem.training.rows;

import dev.lem.predict.TrainingRow;
import dev.lem.training.CsvTable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Training rows as the table the CLI trains on: one column per feature name seen in any row (sorted; a feature a row
 * lacks is blank, which a numeric column reads as its mean and a categorical one as no value), then the label column
 * {@value #OUTCOME} ({@code won} or {@code not-won}); rows in outcome time order, as the time-ordered holdout needs.
 */
public final class TrainingRowsTable {

    public static final String OUTCOME = "outcome";
    static final String NOT_WON = "not-won";

    private TrainingRowsTable() {}

    public static CsvTable of(List<TrainingRow> rows) {
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(row -> names.addAll(row.features().keySet()));
        names.remove(OUTCOME);
        List<String> header = new ArrayList<>(names);
        header.add(OUTCOME);
        List<TrainingRow> ordered = rows.stream()
                .sorted(java.util.Comparator.comparing(TrainingRow::occurredAt).thenComparing(TrainingRow::outcomeId))
                .toList();
        List<String[]> table = new ArrayList<>(ordered.size());
        for (TrainingRow row : ordered) {
            String[] values = new String[header.size()];
            for (int i = 0; i < names.size(); i++) {
                values[i] = row.features().getOrDefault(header.get(i), "");
            }
            values[names.size()] = row.converted() ? TrainingRow.WON : NOT_WON;
            table.add(values);
        }
        return new CsvTable(header, table);
    }
}
