package dev.lem.scoring.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One score model: its name, the version stored with every score it produces, whether it is the primary
 * model (its score is the lead's {@code score}), thresholds (only {@code mql} today) and rules.
 */
public record ScoreModel(String name, String version, String description, Boolean primary,
                         Map<String, Integer> thresholds, List<FitRule> fit, List<EngagementRule> engagement) {

    public static final String MQL = "mql";

    public ScoreModel {
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        fit = fit == null ? List.of() : List.copyOf(fit);
        engagement = engagement == null ? List.of() : List.copyOf(engagement);
        description = Optional.ofNullable(description).orElse("");
    }

    public boolean isPrimary() {
        return Boolean.TRUE.equals(primary);
    }

    public OptionalInt mqlThreshold() {
        Integer t = thresholds.get(MQL);
        return t == null ? OptionalInt.empty() : OptionalInt.of(t);
    }
}
