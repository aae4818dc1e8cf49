package dev.lem.journey;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When a local time window is next open. */
final class Windows {

    private Windows() {}

    /** {@code now} when the window is open now, else the next time it opens (within the coming week). */
    static Instant nextOpening(Instant now, Step.Window window, Facts facts) {
        ZoneId zone = zone(window, facts);
        ZonedDateTime local = now.atZone(zone);
        boolean overnight = window.to().isBefore(window.from());
        for (int offset = -1; offset <= 8; offset++) {
            LocalDate date = local.toLocalDate().plusDays(offset);
            if (!window.days().contains(date.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime start = date.atTime(window.from()).atZone(zone);
            ZonedDateTime end = (overnight ? date.plusDays(1) : date).atTime(window.to()).atZone(zone);
            if (!local.isBefore(start) && local.isBefore(end)) {
                return now;
            }
            if (start.isAfter(local)) {
                return start.toInstant();
            }
        }
        throw new IllegalStateException("a window with at least one day opens within a week");
    }

    static ZoneId zone(Step.Window window, Facts facts) {
        Optional<String> fromLead = window.timeZoneField().flatMap(f -> facts.value("profile." + f));
        for (Optional<String> candidate : java.util.List.of(fromLead, window.timeZone())) {
            if (candidate.isPresent()) {
                try {
                    return ZoneId.of(candidate.get());
                } catch (DateTimeException unknownZone) {
                    // a lead's free-text zone may be anything: fall through to the journey's zone, then UTC
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
