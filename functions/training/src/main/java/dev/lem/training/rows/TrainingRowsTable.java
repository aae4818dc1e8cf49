package dev.lem.training.rows;

import dev.lem.predict.LeadFeatures;
import dev.lem.predict.TrainingRow;
import dev.lem.training.CsvTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Training rows as the table the CLI trains on: one column per feature name seen in any row (sorted; a feature a row
 * lacks is blank, which a numeric column reads as its mean and a categorical one as no value), then the label column
 * {@value #OUTCOME} ({@code won} or {@code not-won}); rows in outcome time order, as the time-ordered holdout needs.
 */
public final class TrainingRowsTable {

    public static final String OUTCOME = "outcome";
    static final int MIN_SECTION_ROWS = 5;
    static final int MAX_SECTIONS = 50;
    private static final String COUNT_SUFFIX = ".count";
    static final String NOT_WON = "not-won";

    private TrainingRowsTable() {}

    public static CsvTable of(List<TrainingRow> rows) {
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(row -> names.addAll(row.features().keySet()));
        names.remove(OUTCOME);
        Set<String> sections = commonPageSections(rows);
        names.removeIf(name -> name.startsWith(LeadFeatures.PAGE_PREFIX) && !sections.contains(section(name)));
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

    /**
     * The site sections that become columns: those viewed by leads of at least {@value #MIN_SECTION_ROWS} rows, at
     * most the {@value #MAX_SECTIONS} most common. Each lead's row holds its own top sections, so without this a
     * site with many first path segments (article slugs, product ids) would add a column per segment; and a segment
     * only a few leads visited cannot become a model input or a top feature.
     */
    static Set<String> commonPageSections(List<TrainingRow> rows) {
        Map<String, Integer> rowsPerSection = new HashMap<>();
        for (TrainingRow row : rows) {
            for (String name : row.features().keySet()) {
                if (name.startsWith(LeadFeatures.PAGE_PREFIX) && name.endsWith(COUNT_SUFFIX)) {
                    rowsPerSection.merge(section(name), 1, Integer::sum);
                }
            }
        }
        return rowsPerSection.entrySet().stream()
                .filter(section -> section.getValue() >= MIN_SECTION_ROWS)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_SECTIONS)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** {@code pricing} of {@code page.pricing.count} or {@code page.pricing.daysSince}. */
    private static String section(String name) {
        return name.substring(LeadFeatures.PAGE_PREFIX.length(), name.lastIndexOf('.'));
    }
}
