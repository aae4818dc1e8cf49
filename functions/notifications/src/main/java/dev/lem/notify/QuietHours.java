package dev.lem.notify;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Local hours in which marketing waits, {@code [start, end)}; a window may span midnight ({@code 21:00-08:00}).
 * Equal start and end means no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** {@code HH:mm-HH:mm}, e.g. {@code 21:00-08:00}; {@code none} for none. */
    public static QuietHours parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("quiet hours missing");
        }
        if (text.strip().equalsIgnoreCase("none")) {
            return NONE;
        }
        String[] parts = text.strip().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours must be HH:mm-HH:mm or none, got " + text);
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("quiet hours must be HH:mm-HH:mm or none, got " + text, e);
        }
    }

    public boolean isQuiet(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /** {@code at} itself when it is not quiet, else the end of this quiet window in the same zone. */
    public ZonedDateTime nextAllowed(ZonedDateTime at) {
        if (!isQuiet(at.toLocalTime())) {
            return at;
        }
        ZonedDateTime endToday = at.toLocalDate().atTime(end).atZone(at.getZone());
        return endToday.isAfter(at) ? endToday : at.toLocalDate().plusDays(1).atTime(end).atZone(at.getZone());
    }

    @Override
    public String toString() {
        return start.equals(end) ? "none" : start + "-" + end;
    }
}
