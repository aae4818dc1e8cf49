package dev.lem.local.bench;

import dev.lem.predict.PredictiveModel;
import dev.lem.training.CsvTable;
import dev.lem.training.ModelTrainer;
import dev.lem.training.TrainingData;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * In-process inference of the predictive score: one {@link PredictiveModel#predict} (encode the lead's fields,
 * log-odds, calibration, top contributing features) per call, over the holdout leads in turn. The model is trained
 * first on the bank-marketing data when it is found beside the repository, else on synthetic leads.
 */
final class PredictBench {

    private PredictBench() {}

    static Latencies run(int warmUp, int predictions) {
        TrainingData data = data();
        PredictiveModel model = ModelTrainer.train(data, "bench").chosen();
        List<Map<String, String>> leads = data.holdoutRecords();
        double sink = 0;
        for (int i = 0; i < warmUp; i++) {
            sink += model.predict(leads.get(i % leads.size())).probability();
        }
        long[] nanos = new long[predictions];
        long start = System.nanoTime();
        for (int i = 0; i < predictions; i++) {
            long t0 = System.nanoTime();
            sink += model.predict(leads.get(i % leads.size())).probability();
            nanos[i] = System.nanoTime() - t0;
        }
        long wall = System.nanoTime() - start;
        if (sink < 0) {
            throw new IllegalStateException("a probability below zero");
        }
        String family = model.scorer() instanceof dev.lem.predict.TreeEnsemble ? "boosted trees" : "logistic regression";
        return new Latencies("predict: one lead (" + family + ", top features)", nanos, wall);
    }

    private static TrainingData data() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path bank = dir.resolve("shared/data/bank-marketing/bank-full.csv");
            if (Files.isRegularFile(bank)) {
                try (Reader reader = Files.newBufferedReader(bank, StandardCharsets.UTF_8)) {
                    return TrainingData.from(CsvTable.read(reader), "y", Set.of("duration"), 0.2);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        StringBuilder csv = new StringBuilder("visits,source,age,y\n");
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            int visits = random.nextInt(30);
            csv.append(visits).append(',').append("s").append(random.nextInt(8)).append(',').append(18 + random.nextInt(60))
                    .append(',').append(random.nextDouble() < visits / 60.0 ? "yes" : "no").append('\n');
        }
        try {
            return TrainingData.from(CsvTable.read(new StringReader(csv.toString())), "y", Set.of(), 0.2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
