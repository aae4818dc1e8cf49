package dev.lem.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Who the contact is to the business, kept apart from the lead's lifecycle state: once a customer, always a
 * customer, while the lead state may start over (a customer can be a new lead for another product).
 */
public enum ContactStatus {
    PROSPECT("prospect"),
    CUSTOMER("customer");

    private final String wireName;

    ContactStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ContactStatus fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown contact status: " + name));
    }
}
