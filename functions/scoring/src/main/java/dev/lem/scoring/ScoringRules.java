package dev.lem.scoring;

import java.util.Map;

/**
 * Engagement points per activity type, versioned: every score is stored and published with the
 * version of the rules that produced it. (Rules as editable data, fit points and decay come with the
 * scoring issue.)
 */
public record ScoringRules(String version, Map<String, Integer> pointsByActivity) {

    public static final ScoringRules DEFAULT = new ScoringRules("default-1", Map.of(
            "form.submitted", 20,
            "email.open", 5,
            "email.click", 10,
            "page.view", 2));

    public ScoringRules {
        pointsByActivity = Map.copyOf(pointsByActivity);
    }

    public int pointsFor(String activityType) {
        return pointsByActivity.getOrDefault(activityType, 0);
    }
}
