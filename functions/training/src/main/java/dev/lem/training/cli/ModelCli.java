package dev.lem.training.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import dev.lem.predict.HoldoutMetrics;
import dev.lem.predict.PredictiveModel;
import dev.lem.training.BadTrainingDataException;
import dev.lem.training.CsvTable;
import dev.lem.training.FileModelRegistry;
import dev.lem.training.RulePoints;
import dev.lem.training.TrainingRun;
import dev.lem.training.WalkForward;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code lem model train --csv FILE --outcome COLUMN [--ignore COL,...] [--holdout 0.2] [--time COL[,COL]] [--baseline RULES.json]
 * [--models DIR] [--version V]}: trains on a CSV of historical leads and prints one JSON line with the holdout
 * figures of the chosen model (auc, alift, topHalfShare, brier, row counts), both families' figures and the
 * baseline's. With {@code --models} the model is published there if it beats the current one.
 * Exit status: 0 trained, 1 the data cannot be used (message on stderr), 2 bad arguments.
 */
public final class ModelCli {

    static final String USAGE = "usage: lem model train --csv FILE --outcome COLUMN [--ignore COL,...] [--holdout 0.2]"
            + " [--time COL | --time DAY,MONTH [--retrain-every DAYS]] [--hash-buckets N] [--select-columns] [--baseline RULES.json] [--models DIR] [--version V]";

    static final int MAX_RETRAIN_DAYS = 3650;

    private ModelCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args, clock);
        } catch (IllegalArgumentException e) {
            err.println("lem model: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (Reader csv = Files.newBufferedReader(parsed.csv(), StandardCharsets.UTF_8)) {
            RulePoints baseline = parsed.baseline() == null ? null
                    : RulePoints.fromJson(Files.readString(parsed.baseline(), StandardCharsets.UTF_8));
            TrainingRun run = new TrainingRun(parsed.models() == null ? null : new FileModelRegistry(parsed.models()));
            TrainingRun.Report report = run.run(CsvTable.read(csv), parsed.settings(), baseline, parsed.version());
            out.println(Json.write(toJson(report)));
            return 0;
        } catch (NoSuchFileException e) {
            err.println("lem model train: no such file " + e.getFile());
            return 1;
        } catch (BadTrainingDataException e) {
            err.println("lem model train: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("lem model train: cannot read " + parsed.csv() + ": " + e.getMessage());
            return 1;
        }
    }

    static ObjectNode toJson(TrainingRun.Report report) {
        PredictiveModel chosen = report.models().chosen();
        ObjectNode line = metrics(chosen.holdout());
        line.put("model", chosen.scorer() instanceof dev.lem.predict.TreeEnsemble ? "boosted-trees" : "logistic-regression");
        line.put("version", chosen.version());
        line.set("logisticRegression", metrics(report.models().logisticRegression().holdout()));
        line.set("boostedTrees", metrics(report.models().boostedTrees().holdout()));
        if (report.baseline() != null) {
            line.set("rulePointsBaseline", metrics(report.baseline()));
        }
        if (report.current() != null) {
            line.set("currentModel", metrics(report.current()));
        }
        line.put("published", report.published());
        if (report.walkForward() != null) {
            WalkForward.Result walk = report.walkForward();
            ObjectNode node = metrics(walk.chosen());
            node.put("model", walk.model());
            node.put("retrainEveryDays", walk.retrainEveryDays());
            node.put("retrains", walk.retrains());
            node.set("logisticRegression", metrics(walk.logisticRegression()));
            node.set("boostedTrees", metrics(walk.boostedTrees()));
            line.set("walkForward", node);
        }
        if (!report.dropped().isEmpty()) {
            line.set("droppedColumns", Json.mapper().valueToTree(report.dropped()));
        }
        return line;
    }

    private static ObjectNode metrics(HoldoutMetrics m) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("auc", round(m.auc()));
        node.put("alift", round(m.alift()));
        node.put("topHalfShare", round(m.topHalfShare()));
        if (!Double.isNaN(m.brier())) {
            node.put("brier", round(m.brier()));
        }
        node.put("trainRows", m.trainRows());
        node.put("holdoutRows", m.holdoutRows());
        node.put("holdoutPositives", m.holdoutPositives());
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    record Arguments(Path csv, String outcome, Set<String> ignored, double holdout, int hashBuckets,
                     boolean selectColumns, List<String> timeColumns, int retrainEveryDays, Path baseline, Path models,
                     String version) {

        TrainingRun.Settings settings() {
            return new TrainingRun.Settings(outcome, ignored, holdout, hashBuckets, selectColumns, timeColumns,
                    retrainEveryDays);
        }

        static Arguments parse(String[] args, Clock clock) {
            if (args.length == 0 || !args[0].equals("train")) {
                throw new IllegalArgumentException("expected the subcommand 'train'");
            }
            Path csv = null;
            String outcome = null;
            Set<String> ignored = new LinkedHashSet<>();
            double holdout = 0.2;
            int hashBuckets = 0;
            boolean selectColumns = false;
            List<String> timeColumns = List.of();
            int retrainEveryDays = 0;
            Path baseline = null;
            Path models = null;
            String version = TrainingRun.versionAt(clock.instant());
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--select-columns")) {
                    selectColumns = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--csv" -> csv = Path.of(value);
                    case "--outcome" -> outcome = value;
                    case "--ignore" -> Arrays.stream(value.split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).forEach(ignored::add);
                    case "--holdout" -> holdout = holdoutShare(value);
                    case "--hash-buckets" -> hashBuckets = hashBuckets(value);
                    case "--time" -> timeColumns = timeColumns(value);
                    case "--retrain-every" -> retrainEveryDays = retrainEveryDays(value);
                    case "--baseline" -> baseline = Path.of(value);
                    case "--models" -> models = Path.of(value);
                    case "--version" -> version = value;
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (csv == null || outcome == null) {
                throw new IllegalArgumentException("--csv and --outcome are required");
            }
            if (ignored.contains(outcome)) {
                throw new IllegalArgumentException("--ignore must not name the outcome column");
            }
            if (timeColumns.contains(outcome)) {
                throw new IllegalArgumentException("--time must not name the outcome column");
            }
            if (retrainEveryDays > 0 && timeColumns.isEmpty()) {
                throw new IllegalArgumentException("--retrain-every needs --time (the days it counts)");
            }
            return new Arguments(csv, outcome, Set.copyOf(ignored), holdout, hashBuckets, selectColumns, timeColumns,
                    retrainEveryDays, baseline, models, version);
        }

        private static int retrainEveryDays(String value) {
            try {
                int days = Integer.parseInt(value);
                if (days >= 1 && days <= MAX_RETRAIN_DAYS) {
                    return days;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new IllegalArgumentException("--retrain-every must be a whole number of days from 1 to "
                    + MAX_RETRAIN_DAYS + ", got " + value);
        }

        private static List<String> timeColumns(String value) {
            List<String> columns = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
            if (columns.isEmpty() || columns.size() > 2 || columns.stream().anyMatch(String::isEmpty)
                    || columns.stream().distinct().count() != columns.size()) {
                throw new IllegalArgumentException("--time takes one date column or two different columns, day of month"
                        + " then month (e.g. --time day,month), got '" + value + "'");
            }
            return columns;
        }

        private static int hashBuckets(String value) {
            int buckets;
            try {
                buckets = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--hash-buckets must be a whole number, got " + value);
            }
            if (!dev.lem.predict.Column.Hashed.validBuckets(buckets)) {
                throw new IllegalArgumentException("--hash-buckets must be between 2 and "
                        + dev.lem.predict.Column.Hashed.MAX_BUCKETS + ", got " + value);
            }
            return buckets;
        }

        private static double holdoutShare(String value) {
            double share;
            try {
                share = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--holdout must be a number between 0 and 1, got " + value);
            }
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("--holdout must be between 0 and 1 (exclusive), got " + value);
            }
            return share;
        }
    }
}
