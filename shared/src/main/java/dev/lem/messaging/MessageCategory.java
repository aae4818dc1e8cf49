package dev.lem.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Transactional messages answer the lead's own request (the tour they asked for); marketing messages
 * need the lead's consent for the channel. The send gate treats them differently.
 */
public enum MessageCategory {
    TRANSACTIONAL, MARKETING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MessageCategory fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
