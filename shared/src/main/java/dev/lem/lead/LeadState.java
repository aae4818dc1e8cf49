package dev.lem.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Lifecycle states (DESIGN §5). States may move back, e.g. SQL → re-market → MQL. */
public enum LeadState {
    ANONYMOUS("anonymous"),
    SUBSCRIBER("subscriber"),
    LEAD("lead"),
    MQL("mql"),
    SQL("sql"),
    CUSTOMER("customer"),
    DISQUALIFIED("disqualified"),
    RE_MARKET("re-market"),
    UNREACHABLE("unreachable");

    private final String wireName;

    LeadState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static LeadState fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lead state: " + name));
    }
}
