package dev.lem.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a message reaches a lead (or sales). */
public enum Channel {
    EMAIL, SMS, WEBHOOK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
