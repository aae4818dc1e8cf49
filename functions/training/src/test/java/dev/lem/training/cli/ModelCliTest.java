package dev.lem.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private int run(String... args) {
        return ModelCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    }

    private Path leads() throws Exception {
        StringBuilder csv = new StringBuilder("id,visits,source,y\n");
        Random random = new Random(9);
        for (int i = 0; i < 1500; i++) {
            int visits = random.nextInt(10);
            boolean yes = random.nextDouble() < (visits > 6 ? 0.6 : 0.1);
            csv.append(i).append(',').append(visits).append(',').append(random.nextBoolean() ? "ads" : "seo").append(',')
                    .append(yes ? "yes" : "no").append('\n');
        }
        Path file = dir.resolve("leads.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void train_whenValidFile_expectOneJsonLineWithFiguresAndCounts() throws Exception {
        int status = run("train", "--csv", leads().toString(), "--outcome", "y", "--ignore", "id", "--holdout", "0.3",
                "--models", dir.resolve("models").toString());
        assertThat(status).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.strip().lines()).hasSize(1);
        JsonNode line = Json.tree(printed);
        assertThat(line.get("auc").asDouble()).isGreaterThan(0.7);
        assertThat(line.get("alift").asDouble()).isBetween(0.5, 1.0);
        assertThat(line.get("topHalfShare").asDouble()).isBetween(0.5, 1.0);
        assertThat(line.get("brier").asDouble()).isBetween(0.0, 0.25);
        assertThat(line.get("trainRows").asInt()).isEqualTo(1050);
        assertThat(line.get("holdoutRows").asInt()).isEqualTo(450);
        assertThat(line.get("version").asText()).isEqualTo("m20261123T120000Z");
        assertThat(line.get("published").asBoolean()).isTrue();
        assertThat(line.has("logisticRegression")).isTrue();
        assertThat(line.has("boostedTrees")).isTrue();
        assertThat(dir.resolve("models/m20261123T120000Z.json")).exists();
    }

    @Test
    void train_whenOutcomeColumnMissing_expectExitOneAndMessage() throws Exception {
        int status = run("train", "--csv", leads().toString(), "--outcome", "converted");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("no outcome column 'converted'");
        assertThat(out.size()).isZero();
    }

    @Test
    void train_whenFileMissing_expectExitOne() {
        assertThat(run("train", "--csv", dir.resolve("nope.csv").toString(), "--outcome", "y")).isEqualTo(1);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void train_whenBadArguments_expectExitTwoAndUsage() {
        assertThat(run("train", "--outcome", "y")).isEqualTo(2);
        assertThat(run("train", "--csv", "x.csv", "--outcome", "y", "--holdout", "1.5")).isEqualTo(2);
        assertThat(run("train", "--csv", "x.csv", "--outcome", "y", "--holdout", "abc")).isEqualTo(2);
        assertThat(run("train", "--csv", "x.csv", "--outcome", "y", "--ignore", "y")).isEqualTo(2);
        assertThat(run("fit")).isEqualTo(2);
        assertThat(run("train", "--csv")).isEqualTo(2);
        assertThat(err.toString()).contains("usage: lem model train");
    }

    @Test
    void train_whenHashBuckets_expectHashedColumnsInThePublishedModel() throws Exception {
        int status = run("train", "--csv", leads().toString(), "--outcome", "y", "--ignore", "id", "--hash-buckets", "8",
                "--models", dir.resolve("models").toString(), "--version", "h1");
        assertThat(status).as(err.toString()).isZero();
        assertThat(Json.tree(out.toString(StandardCharsets.UTF_8)).get("auc").asDouble()).isGreaterThan(0.7);
        dev.lem.predict.PredictiveModel model = dev.lem.predict.PredictiveModel.fromJson(
                Files.readString(dir.resolve("models").resolve("h1.json")));
        assertThat(model.features().columns()).contains(new dev.lem.predict.Column.Hashed("source", 8));
    }

    @Test
    void train_whenHashBucketsIsNotAUsableNumber_expectUsageError() throws Exception {
        for (String bad : new String[] {"1", "many", "70000"}) {
            err.reset();
            assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--hash-buckets", bad)).as(bad)
                    .isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hash-buckets");
        }
    }

    /** Conversion that drifts: whole weeks convert at 5 % or 60 %, and nothing in a row but its date tells which. */
    private Path driftingLeads() throws Exception {
        StringBuilder csv = new StringBuilder("day,visits,y\n");
        Random random = new Random(4);
        java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 1);
        for (int week = 0; week < 40; week++) {
            double rate = random.nextBoolean() ? 0.6 : 0.05;
            for (int d = 0; d < 7; d++, day = day.plusDays(1)) {
                for (int i = 0; i < 8; i++) {
                    int visits = random.nextInt(10);
                    boolean yes = random.nextDouble() < Math.min(1, rate * (visits > 6 ? 1.4 : 0.9));
                    csv.append(day).append(',').append(visits).append(',').append(yes ? "yes" : "no").append('\n');
                }
            }
        }
        Path file = dir.resolve("drifting.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void train_whenTimeGiven_expectContextColumnsThatRankDriftingConversionBetter() throws Exception {
        Path csv = driftingLeads();
        assertThat(run("train", "--csv", csv.toString(), "--outcome", "y", "--ignore", "day")).as(err.toString()).isZero();
        double without = Json.tree(out.toString(StandardCharsets.UTF_8)).get("auc").asDouble();
        out.reset();

        int status = run("train", "--csv", csv.toString(), "--outcome", "y", "--time", "day", "--models",
                dir.resolve("models").toString(), "--version", "t1");

        assertThat(status).as(err.toString()).isZero();
        double with = Json.tree(out.toString(StandardCharsets.UTF_8)).get("auc").asDouble();
        assertThat(with).isGreaterThan(without + 0.05);
        dev.lem.predict.PredictiveModel model = dev.lem.predict.PredictiveModel.fromJson(
                Files.readString(dir.resolve("models").resolve("t1.json")));
        assertThat(model.features().columns()).extracting(dev.lem.predict.Column::name)
                .contains(dev.lem.predict.OutcomeContext.WIN_RATE_7D).doesNotContain("day");
    }

    @Test
    void train_whenTimeIsUnusable_expectUsageOrDataError() throws Exception {
        assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--time", "a,b,c")).isEqualTo(2);
        assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--time", "y")).isEqualTo(2);
        assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--time", "id,id")).isEqualTo(2);
        assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--time", "day,")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--time");
        err.reset();
        assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--time", "id")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("row 1: time '0' is not an ISO date");
    }

    @Test
    void train_whenRetrainEvery_expectWalkForwardFiguresBesideTheStaticOnes() throws Exception {
        int status = run("train", "--csv", driftingLeads().toString(), "--outcome", "y", "--time", "day",
                "--retrain-every", "28");

        assertThat(status).as(err.toString()).isZero();
        JsonNode line = Json.tree(out.toString(StandardCharsets.UTF_8));
        JsonNode walk = line.get("walkForward");
        assertThat(walk.get("retrainEveryDays").asInt()).isEqualTo(28);
        assertThat(walk.get("retrains").asInt()).isEqualTo(2); // the holdout is the last 56 of 280 days
        assertThat(walk.get("holdoutRows").asInt()).isEqualTo(line.get("holdoutRows").asInt());
        assertThat(walk.get("auc").asDouble()).isBetween(0.5, 1.0);
        assertThat(walk.get("logisticRegression").has("brier")).isTrue();
    }

    @Test
    void train_whenRetrainEveryIsUnusable_expectUsageError() throws Exception {
        assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--retrain-every", "7")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--retrain-every needs --time");
        for (String bad : new String[] {"0", "week", "4000"}) {
            assertThat(run("train", "--csv", leads().toString(), "--outcome", "y", "--time", "id", "--retrain-every",
                    bad)).as(bad).isEqualTo(2);
        }
    }
}
