package dev.lem.training;

import dev.lem.predict.Column;
import dev.lem.predict.FeatureSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV of historical leads cut in time order: the earliest rows train ({@link #fit} to learn, the most recent
 * {@value #CALIBRATION_SHARE} of them — {@link #calibration} — to calibrate and pick settings), the latest
 * {@code holdoutShare} of all rows ({@link #holdout}) only evaluate.
 */
public record TrainingData(FeatureSpec spec, Rows fit, Rows calibration, Rows holdout, List<Map<String, String>> holdoutRecords) {

    static final double CALIBRATION_SHARE = 0.2;
    static final int MIN_ROWS = 20;

    /** Encoded rows: features and outcomes (1 converted, 0 not). */
    public record Rows(double[][] x, int[] y) {
        public int size() {
            return y.length;
        }

        public int positives() {
            int n = 0;
            for (int label : y) {
                n += label;
            }
            return n;
        }
    }

    public static TrainingData from(CsvTable table, String outcome, Set<String> ignored, double holdoutShare) {
        return from(table, outcome, ignored, holdoutShare, 0);
    }

    /** @param hashBuckets buckets per categorical column ({@link Column.Hashed}); 0 for one-hot vocabularies */
    public static TrainingData from(CsvTable table, String outcome, Set<String> ignored, double holdoutShare,
                                    int hashBuckets) {
        if (hashBuckets != 0 && !Column.Hashed.validBuckets(hashBuckets)) {
            throw new IllegalArgumentException("--hash-buckets must be between 2 and " + Column.Hashed.MAX_BUCKETS
                    + ", got " + hashBuckets);
        }
        if (!(holdoutShare > 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("--holdout must be between 0 and 1 (exclusive), got " + holdoutShare);
        }
        int outcomeIndex = table.columnIndex(outcome);
        if (outcomeIndex < 0) {
            throw new BadTrainingDataException("no outcome column '" + outcome + "'; the header has " + table.header());
        }
        for (String name : ignored) {
            if (table.columnIndex(name) < 0) {
                throw new BadTrainingDataException("--ignore names column '" + name + "' that the header does not have");
            }
        }
        int n = table.rows().size();
        if (n < MIN_ROWS) {
            throw new BadTrainingDataException("only " + n + " rows: at least " + MIN_ROWS + " are needed to train and evaluate");
        }
        int trainEnd = n - (int) Math.round(n * holdoutShare);
        if (trainEnd <= 0 || trainEnd >= n) {
            throw new BadTrainingDataException("--holdout " + holdoutShare + " leaves no rows to train or to evaluate");
        }
        return cut(table, outcome, ignored, trainEnd, n, hashBuckets);
    }

    /**
     * The rows before {@code trainEnd} train (the most recent {@value #CALIBRATION_SHARE} of them calibrate), those from
     * {@code trainEnd} to {@code end} (exclusive) are the holdout; later rows are left out. Vocabularies and scaling
     * come from the training rows only.
     */
    static TrainingData cut(CsvTable table, String outcome, Set<String> ignored, int trainEnd, int end,
                            int hashBuckets) {
        int outcomeIndex = table.columnIndex(outcome);
        String positive = Outcomes.positiveLabel(table, outcomeIndex);
        int fitEnd = trainEnd - (int) Math.round(trainEnd * CALIBRATION_SHARE);
        if (trainEnd <= 0 || trainEnd >= end || end > table.rows().size() || fitEnd <= 0) {
            throw new BadTrainingDataException("the cut leaves no rows to train or to evaluate");
        }
        List<String[]> trainRows = table.rows().subList(0, trainEnd);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < table.header().size(); i++) {
            String name = table.header().get(i);
            if (i != outcomeIndex && !ignored.contains(name)) {
                columns.add(ColumnInference.infer(name, trainRows, i, hashBuckets));
            }
        }
        if (columns.isEmpty()) {
            throw new BadTrainingDataException("no input columns left besides the outcome");
        }
        FeatureSpec spec = new FeatureSpec(columns);
        List<Map<String, String>> records = new ArrayList<>(end);
        for (String[] row : table.rows().subList(0, end)) {
            Map<String, String> record = new HashMap<>();
            for (int i = 0; i < row.length; i++) {
                record.put(table.header().get(i), row[i]);
            }
            records.add(record);
        }
        Rows fit = encode(spec, records.subList(0, fitEnd), outcome, positive);
        Rows calibration = encode(spec, records.subList(fitEnd, trainEnd), outcome, positive);
        Rows holdout = encode(spec, records.subList(trainEnd, end), outcome, positive);
        requireBothClasses(fit, "the training rows");
        requireBothClasses(holdout, "the holdout rows");
        return new TrainingData(spec, fit, calibration, holdout, List.copyOf(records.subList(trainEnd, end)));
    }

    /** The fit and calibration rows together (all rows before the holdout). */
    public Rows training() {
        return concat(fit, calibration);
    }

    private static Rows encode(FeatureSpec spec, List<Map<String, String>> records, String outcome, String positive) {
        double[][] x = new double[records.size()][];
        int[] y = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            x[i] = spec.encode(records.get(i));
            y[i] = records.get(i).get(outcome).equals(positive) ? 1 : 0;
        }
        return new Rows(x, y);
    }

    private static void requireBothClasses(Rows rows, String what) {
        int positives = rows.positives();
        if (positives == 0 || positives == rows.size()) {
            throw new BadTrainingDataException(what + " hold one class only (" + positives + " of " + rows.size()
                    + " converted): choose another --holdout or add history");
        }
    }

    private static Rows concat(Rows a, Rows b) {
        double[][] x = new double[a.size() + b.size()][];
        int[] y = new int[a.size() + b.size()];
        System.arraycopy(a.x(), 0, x, 0, a.size());
        System.arraycopy(b.x(), 0, x, a.size(), b.size());
        System.arraycopy(a.y(), 0, y, 0, a.size());
        System.arraycopy(b.y(), 0, y, a.size(), b.size());
        return new Rows(x, y);
    }
}
