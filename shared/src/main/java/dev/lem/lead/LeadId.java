package dev.lem.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** A lead's opaque id: a random UUID, never derived from PII. */
public record LeadId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public LeadId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("lead id must be a lowercase UUID");
        }
    }

    public static LeadId random() {
        return new LeadId(UUID.randomUUID().toString());
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
