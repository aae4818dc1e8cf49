package dev.lem.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the outcome column as converted (1) or not (0). It must hold exactly two distinct values; the positive one is
 * a conventional "yes" word ({@code yes, y, 1, true, won, converted, customer}) or else the rarer of the two.
 */
final class Outcomes {

    private static final Set<String> POSITIVE_WORDS = Set.of("yes", "y", "1", "true", "won", "converted", "customer");

    private Outcomes() {}

    static String positiveLabel(CsvTable table, int column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String[] row : table.rows()) {
            String value = row[column];
            if (value.isBlank()) {
                throw new BadTrainingDataException("outcome column '" + table.header().get(column)
                        + "' is empty on a row: every historical lead needs an outcome");
            }
            counts.merge(value, 1, Integer::sum);
        }
        String name = table.header().get(column);
        if (counts.size() < 2) {
            throw new BadTrainingDataException("outcome column '" + name + "' has one class only ("
                    + counts.keySet() + "): a model needs both converted and not converted leads");
        }
        if (counts.size() > 2) {
            throw new BadTrainingDataException("outcome column '" + name + "' has " + counts.size()
                    + " distinct values; expected two (e.g. yes/no)");
        }
        for (String value : counts.keySet()) {
            if (POSITIVE_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        return counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
