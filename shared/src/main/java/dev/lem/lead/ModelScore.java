package dev.lem.lead;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A lead's score under one score model, as evaluated at {@code evaluatedAt}, with the rules version that
 * produced it and its top contributing rules (largest absolute contribution first).
 */
public record ModelScore(String model, String rulesVersion, int score, Instant evaluatedAt,
                         List<Contribution> topContributions) {
    public ModelScore {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        topContributions = List.copyOf(topContributions);
    }

    /** Same score, rules version and explanation (the evaluation time aside). */
    public boolean sameAs(ModelScore other) {
        return other != null && score == other.score && rulesVersion.equals(other.rulesVersion)
                && topContributions.stream().map(Contribution::ruleId).toList()
                        .equals(other.topContributions.stream().map(Contribution::ruleId).toList());
    }
}
