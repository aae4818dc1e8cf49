package dev.lem.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ordered input columns of a model; turns one record (column name → raw value) into a feature vector. */
public record FeatureSpec(List<Column> columns) {

    public FeatureSpec {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one input column");
        }
    }

    public int width() {
        int width = 0;
        for (Column column : columns) {
            width += column.width();
        }
        return width;
    }

    public double[] encode(Map<String, String> record) {
        double[] features = new double[width()];
        int offset = 0;
        for (Column column : columns) {
            column.encode(record.get(column.name()), features, offset);
            offset += column.width();
        }
        return features;
    }

    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            for (int i = 0; i < column.width(); i++) {
                names.add(column.featureName(i));
            }
        }
        return names;
    }
}
