package dev.lem.lead;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something an anonymous visitor did (a page view before any form or email click): no lead yet, only
 * the first-party visitor id {@code lem_vid}. It travels on the activity queue beside {@link Activity},
 * told apart by {@code kind} = {@value #KIND}; consumers that only score leads skip it. Form capture
 * re-attributes a visitor's activity when the visitor becomes a lead.
 */
public record VisitorActivity(String kind, String activityId, String visitorId, String type, Instant occurredAt,
                              Map<String, String> attributes) {

    /** The value of {@code kind} that marks a queue body as a visitor activity. */
    public static final String KIND = "visitor-activity";
    /** A visitor id: 128 random bits, base64url without padding. */
    private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public VisitorActivity {
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind must be " + KIND);
        }
        Objects.requireNonNull(activityId, "activityId");
        if (!isVisitorId(visitorId)) {
            throw new IllegalArgumentException("visitorId must be 22 base64url characters");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static VisitorActivity of(String activityId, String visitorId, String type, Instant occurredAt,
                                     Map<String, String> attributes) {
        return new VisitorActivity(KIND, activityId, visitorId, type, occurredAt, attributes);
    }

    public static boolean isVisitorId(String value) {
        return value != null && VISITOR_ID.matcher(value).matches();
    }
}
