package dev.lem.lead;

import java.util.Objects;

/** What one rule added to a score (negative when it took points away), after decay. */
public record Contribution(String ruleId, double points) {
    public Contribution {
        Objects.requireNonNull(ruleId, "ruleId");
    }
}
