package dev.lem.predict;

/** How much one feature moved a lead's log-odds of converting (positive: towards buying). */
public record Contribution(String feature, double logOdds) {}
