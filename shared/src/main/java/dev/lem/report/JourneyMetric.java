package dev.lem.report;

import java.util.Locale;

/** What happened to a journey message; each is counted once per message (unique opens, unique clicks). */
public enum JourneyMetric {
    SENT, OPENED, CLICKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JourneyMetric fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
