package dev.lem.training.rows;

import dev.lem.predict.TrainingRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic outcome rows spread over weeks: more page views and a webinar make a lead likelier to buy. */
final class TrainingHistory {

    private TrainingHistory() {}

    static List<TrainingRow> rows(int count, Instant end, int weeks, long seed) {
        Random random = new Random(seed);
        List<TrainingRow> rows = new ArrayList<>();
        long span = Duration.ofDays(7L * weeks).toSeconds();
        for (int i = 0; i < count; i++) {
            int views = random.nextInt(12);
            boolean webinar = random.nextInt(4) == 0;
            double logit = -2.5 + 0.3 * views + (webinar ? 1.2 : 0);
            boolean won = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            Instant at = end.minusSeconds(span - span * i / count);
            rows.add(new TrainingRow("outcome-" + seed + "-" + i, at, won ? "won" : (i % 2 == 0 ? "lost" : "disqualified"),
                    Map.of("activity.page.view.count", Integer.toString(views),
                            "first.source", webinar ? "webinar" : (i % 3 == 0 ? "google" : "newsletter"),
                            "consent.email", "granted")));
        }
        return rows;
    }
}
