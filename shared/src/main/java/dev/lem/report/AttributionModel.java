package dev.lem.report;

import java.util.Locale;
import java.util.Optional;

/** Which touch a funnel count is credited to: the lead's first touch, or its last touch before the change. */
public enum AttributionModel {
    FIRST, LAST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AttributionModel> fromWireName(String name) {
        for (AttributionModel model : values()) {
            if (model.wireName().equals(name)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}
