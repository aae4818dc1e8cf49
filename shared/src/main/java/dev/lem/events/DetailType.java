package dev.lem.events;

import java.util.Arrays;
import java.util.Optional;

/** The detail types of the event contract (DESIGN §4), each with a versioned JSON Schema. */
public enum DetailType {
    LEAD_CAPTURED("lead.captured", EventSource.LEM),
    LEAD_ACTIVITY("lead.activity", EventSource.LEM),
    LEAD_SCORED("lead.scored", EventSource.LEM),
    LEAD_STATE_CHANGED("lead.state-changed", EventSource.LEM),
    CAMPAIGN_TRIGGER("campaign.trigger", EventSource.MARKETING),
    MESSAGE_SENT("message.sent", EventSource.LEM),
    MESSAGE_FAILED("message.failed", EventSource.LEM),
    LEAD_OUTCOME("lead.outcome", EventSource.LEM);

    /** Current schema version of every detail type; bump per type when a contract changes. */
    public static final int CURRENT_VERSION = 1;

    private final String wireName;
    private final String source;

    DetailType(String wireName, String source) {
        this.wireName = wireName;
        this.source = source;
    }

    public String wireName() {
        return wireName;
    }

    /** The source that publishes this detail type: {@code lem} or {@code lem.marketing}. */
    public String source() {
        return source;
    }

    /** Classpath folder holding {@code schema.v1.json} and samples {@code sample.v1*.json}. */
    public String resourceFolder() {
        return "events/" + wireName + "/";
    }

    public static Optional<DetailType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
