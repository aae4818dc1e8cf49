package dev.lem.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Why an address may never be sent to again (global suppression). */
public enum SuppressionReason {
    HARD_BOUNCE("hard-bounce"),
    COMPLAINT("complaint"),
    UNSUBSCRIBE("unsubscribe"),
    ERASURE("erasure");

    private final String wireName;

    SuppressionReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static SuppressionReason fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown suppression reason: " + name));
    }
}
