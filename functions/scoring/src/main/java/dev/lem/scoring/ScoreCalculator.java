package dev.lem.scoring;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.scoring.rules.EngagementRule;
import dev.lem.scoring.rules.FitRule;
import dev.lem.scoring.rules.ScoreModel;
import dev.lem.scoring.rules.ScoreModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a lead and its whole activity log into points per rule: fit rules on the lead's fields, engagement
 * rules on its activities in time order (ties by activity id) with {@code once} and caps applied, so the
 * result does not depend on the order activities arrived in. The decay itself is in {@link ScoreEvaluation}.
 */
public final class ScoreCalculator {

    private static final Comparator<Activity> TIME_ORDER =
            Comparator.comparing(Activity::occurredAt).thenComparing(Activity::activityId);

    private final Set<String> freeMailDomains;

    public ScoreCalculator(Set<String> freeMailDomains) {
        this.freeMailDomains = Set.copyOf(freeMailDomains);
    }

    public static ScoreCalculator withDefaults(ScoreModels models) {
        return new ScoreCalculator(models.freeMailDomains());
    }

    public ScoreEvaluation evaluate(ScoreModel model, Lead lead, List<Activity> activities) {
        List<ScoreEvaluation.Award> awards = new ArrayList<>();
        for (FitRule rule : model.fit()) {
            if (rule.matches(fieldValue(lead, rule.field()), freeMailDomains)) {
                awards.add(new ScoreEvaluation.Award(rule.id(), rule.points(), lead.createdAt(), Optional.empty()));
            }
        }
        List<Activity> inOrder = activities.stream().sorted(TIME_ORDER).toList();
        for (EngagementRule rule : model.engagement()) {
            awards.addAll(engagement(rule, inOrder));
        }
        return new ScoreEvaluation(model, awards);
    }

    private static List<ScoreEvaluation.Award> engagement(EngagementRule rule, List<Activity> inOrder) {
        Optional<Pattern> page = Optional.ofNullable(rule.page()).map(ScoreCalculator::glob);
        Optional<Duration> halfLife = rule.halfLifeDuration();
        Optional<Duration> period = rule.capOf().map(EngagementRule.Cap::period);
        int max = rule.capOf().map(EngagementRule.Cap::max).orElse(rule.isOnce() ? 1 : Integer.MAX_VALUE);
        Deque<Instant> window = new ArrayDeque<>();
        List<ScoreEvaluation.Award> awards = new ArrayList<>();
        for (Activity activity : inOrder) {
            if (!rule.matches(activity, page)) {
                continue;
            }
            Instant at = activity.occurredAt();
            if (period.isPresent()) {
                while (!window.isEmpty() && !window.peekFirst().isAfter(at.minus(period.get()))) {
                    window.pollFirst();
                }
            }
            if (window.size() >= max) {
                continue;
            }
            window.addLast(at);
            awards.add(new ScoreEvaluation.Award(rule.id(), rule.points(), at, halfLife));
        }
        return awards;
    }

    private static Optional<String> fieldValue(Lead lead, String field) {
        if (FitRule.EMAIL_DOMAIN.equals(field)) {
            return Optional.ofNullable(lead.email()).map(e -> e.value().substring(e.value().lastIndexOf('@') + 1));
        }
        return Optional.ofNullable(lead.profile().get(field));
    }

    /** {@code *} matches any characters; everything else literally, case-insensitively. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.toLowerCase(Locale.ROOT).split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
