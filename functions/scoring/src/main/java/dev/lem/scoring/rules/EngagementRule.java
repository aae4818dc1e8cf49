package dev.lem.scoring.rules;

import dev.lem.lead.Activity;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Points for what the lead did: an activity type, optionally narrowed to pages matching a glob ({@code *}
 * any characters, matched case-insensitively against the activity's {@code page} or {@code url}, i.e. host and
 * path) and to a minimum time on page ({@code seconds}). Points decay with {@code halfLife} (none: no decay).
 * {@code once}: only the first matching activity counts; {@code cap}: at most {@code max} within any
 * {@code per} window; neither: every matching activity counts.
 */
public record EngagementRule(String id, String activity, String page, Integer minSeconds, int points,
                             String halfLife, Boolean once, Cap cap) {

    /** At most {@code max} awards within any window of length {@code per}. */
    public record Cap(int max, String per) {
        public Duration period() {
            return Duration.parse(per);
        }
    }

    public Optional<Duration> halfLifeDuration() {
        return Optional.ofNullable(halfLife).map(Duration::parse);
    }

    public boolean isOnce() {
        return Boolean.TRUE.equals(once);
    }

    public Optional<Cap> capOf() {
        return Optional.ofNullable(cap);
    }

    public boolean matches(Activity a, Optional<Pattern> pagePattern) {
        if (!activity.equals(a.type())) {
            return false;
        }
        if (pagePattern.isPresent()) {
            String where = a.attributes().getOrDefault("page", a.attributes().get("url"));
            if (where == null || !pagePattern.get().matcher(where.toLowerCase(Locale.ROOT)).matches()) {
                return false;
            }
        }
        if (minSeconds != null) {
            return seconds(a).filter(s -> s >= minSeconds).isPresent();
        }
        return true;
    }

    private static Optional<Long> seconds(Activity a) {
        try {
            return Optional.ofNullable(a.attributes().get("seconds")).map(Long::parseLong);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
