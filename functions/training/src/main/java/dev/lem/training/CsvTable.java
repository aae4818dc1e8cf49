package dev.lem.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV file of historical leads in memory: a header row, then one row per lead in time order. The separator is a
 * comma or a semicolon, whichever the header uses more; fields may be double-quoted ({@code ""} inside quotes is a
 * quote). Every row must have as many fields as the header (a ragged row is an error naming its line).
 */
public record CsvTable(List<String> header, List<String[]> rows) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    public static CsvTable read(Reader source) throws IOException {
        BufferedReader in = new BufferedReader(source);
        String headerLine = in.readLine();
        while (headerLine != null && headerLine.isBlank()) {
            headerLine = in.readLine();
        }
        if (headerLine == null) {
            throw new BadTrainingDataException("the file is empty: expected a header row and rows of leads");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        char separator = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
        List<String> header = List.of(split(headerLine, separator, 1));
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name.isBlank()) {
                throw new BadTrainingDataException("line 1: the header has an empty column name");
            }
            if (!seen.add(name)) {
                throw new BadTrainingDataException("line 1: the header names column '" + name + "' twice");
            }
        }
        List<String[]> rows = new ArrayList<>();
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = split(line, separator, lineNumber);
            if (fields.length != header.size()) {
                throw new BadTrainingDataException("line " + lineNumber + ": " + fields.length
                        + " fields but the header has " + header.size() + " (ragged row)");
            }
            rows.add(fields);
        }
        return new CsvTable(header, rows);
    }

    public int columnIndex(String name) {
        return header.indexOf(name);
    }

    private static int count(String line, char c) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    static String[] split(String line, char separator, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new BadTrainingDataException("line " + lineNumber + ": a quoted field is not closed");
        }
        fields.add(field.toString().strip());
        return fields.toArray(String[]::new);
    }
}
