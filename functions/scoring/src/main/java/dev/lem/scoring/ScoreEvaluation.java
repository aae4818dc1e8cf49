package dev.lem.scoring;

import dev.lem.lead.Contribution;
import dev.lem.lead.ModelScore;
import dev.lem.scoring.rules.ScoreModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The points one model awarded a lead, and their value at any time t: sum(points × 2^(−age/half-life)), age
 * counted from the activity (never negative), no decay for fit rules and rules without a half-life. The score is
 * the sum rounded to the nearest integer (halves up), so fresh points are not shaved by a second of decay.
 */
public record ScoreEvaluation(ScoreModel model, List<Award> awards) {

    /** How many rules an explanation lists. */
    public static final int TOP = 5;
    /** Threshold crossings are searched this many half-lives (the longest) ahead; beyond, decay left ~2^-64. */
    private static final int HORIZON_HALF_LIVES = 64;
    private static final int MAX_SCAN_STEPS = 4096;

    /** Points one rule awarded at {@code at}. */
    public record Award(String ruleId, int points, Instant at, Optional<Duration> halfLife) {
        double valueAt(Instant t) {
            if (halfLife.isEmpty()) {
                return points;
            }
            double ageSeconds = Math.max(0, Duration.between(at, t).toMillis() / 1000.0);
            return points * Math.pow(2, -ageSeconds / halfLife.get().toSeconds());
        }
    }

    public ScoreEvaluation {
        awards = List.copyOf(awards);
    }

    public double exactAt(Instant t) {
        double sum = 0;
        for (Award award : awards) {
            sum += award.valueAt(t);
        }
        return sum;
    }

    public int scoreAt(Instant t) {
        return (int) Math.floor(exactAt(t) + 0.5 + 1e-9);
    }

    /** The rules with the largest (absolute) contribution at {@code t}, at most {@value #TOP}, points to 2 decimals. */
    public List<Contribution> topAt(Instant t) {
        Map<String, Double> byRule = new LinkedHashMap<>();
        awards.forEach(a -> byRule.merge(a.ruleId(), a.valueAt(t), Double::sum));
        return byRule.entrySet().stream()
                .map(e -> new Contribution(e.getKey(), Math.round(e.getValue() * 100) / 100.0))
                .filter(c -> c.points() != 0)
                .sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.points())).thenComparing(Contribution::ruleId))
                .limit(TOP)
                .toList();
    }

    /** The smallest second in (above, below] with the score under {@code threshold}, given it is at {@code below}. */
    private long bisect(int threshold, Instant from, long above, long below) {
        while (below - above > 1) {
            long mid = (above + below) >>> 1;
            if (scoreAt(from.plusSeconds(mid)) < threshold) {
                below = mid;
            } else {
                above = mid;
            }
        }
        return below;
    }

    public ModelScore scoreOf(Instant t) {
        return new ModelScore(model.name(), model.version(), scoreAt(t), t, topAt(t));
    }

    /**
     * The first moment after {@code from} at which the score falls below {@code threshold}, to the second, or empty
     * when it is below already or never falls below (nothing decays, or negative points decaying keep it up).
     */
    public Optional<Instant> firstBelow(int threshold, Instant from) {
        if (scoreAt(from) < threshold) {
            return Optional.empty();
        }
        Optional<Duration> shortest = awards.stream().flatMap(a -> a.halfLife().stream()).min(Duration::compareTo);
        Optional<Duration> longest = awards.stream().flatMap(a -> a.halfLife().stream()).max(Duration::compareTo);
        if (shortest.isEmpty()) {
            return Optional.empty();
        }
        long horizon = longest.get().toSeconds() * HORIZON_HALF_LIVES;
        boolean onlyGainsDecay = awards.stream().noneMatch(a -> a.halfLife().isPresent() && a.points() < 0);
        if (onlyGainsDecay) {
            // every decaying term is positive: the score only falls, so bisect the whole horizon at once
            if (scoreAt(from.plusSeconds(horizon)) >= threshold) {
                return Optional.empty();
            }
            return Optional.of(from.plusSeconds(bisect(threshold, from, 0, horizon)));
        }
        // negative points decay too, so the score may rise again: walk forward, then bisect the first drop
        long step = Math.max(1, Math.max(shortest.get().toSeconds() / 4, horizon / MAX_SCAN_STEPS));
        long above = 0;
        for (long s = step; s <= horizon + step; s += step) {
            if (scoreAt(from.plusSeconds(s)) < threshold) {
                return Optional.of(from.plusSeconds(bisect(threshold, from, above, s)));
            }
            above = s;
        }
        return Optional.empty();
    }
}
