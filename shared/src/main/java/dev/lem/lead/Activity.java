package dev.lem.lead;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a lead did. {@code activityId} is assigned where the activity is first seen (the pixel hit,
 * the form post) and travels with every redelivery, so recording it twice is a no-op.
 */
public record Activity(String activityId, LeadId leadId, String type, Instant occurredAt, Map<String, String> attributes) {
    public Activity {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
