package dev.lem.training;

import java.util.ArrayList;
import java.util.List;

/** Small in-memory tables for tests: each row a comma-separated line (no quoting). */
final class CsvTables {

    private CsvTables() {}

    static CsvTable of(List<String> header, String... rows) {
        List<String[]> parsed = new ArrayList<>();
        for (String row : rows) {
            parsed.add(row.split(",", -1));
        }
        return new CsvTable(header, parsed);
    }
}
