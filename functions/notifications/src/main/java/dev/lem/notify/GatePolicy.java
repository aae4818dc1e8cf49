package dev.lem.notify;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The send gate's limits for marketing: at most {@code perDay} and {@code perWeek} messages per lead and channel
 * (the lead's calendar day and ISO week), none during {@code quietHours} of the lead's time zone (profile field
 * {@value #TIME_ZONE_FIELD}, an IANA id), or of {@code defaultZone} when the lead has none or an unknown one.
 */
public record GatePolicy(int perDay, int perWeek, QuietHours quietHours, ZoneId defaultZone) {

    /** The lead profile field holding its IANA time zone. */
    public static final String TIME_ZONE_FIELD = "timeZone";

    public static final GatePolicy DEFAULT = new GatePolicy(2, 5, QuietHours.parse("21:00-08:00"), ZoneId.of("UTC"));

    public GatePolicy {
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(defaultZone, "defaultZone");
        if (perDay < 1 || perWeek < 1) {
            throw new IllegalArgumentException("frequency caps must be at least 1");
        }
        if (perWeek < perDay) {
            throw new IllegalArgumentException("the weekly cap must not be below the daily cap");
        }
    }
}
