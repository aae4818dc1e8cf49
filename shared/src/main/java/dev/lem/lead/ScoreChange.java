package dev.lem.lead;

/** A score moved from {@code previous} to {@code current} because of one activity. */
public record ScoreChange(LeadId leadId, int previous, int current) {}
