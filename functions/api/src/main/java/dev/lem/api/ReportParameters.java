package dev.lem.api;

import dev.lem.report.AttributionModel;
import dev.lem.report.ReportFilter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query parameters of a report, checked: only the names the report knows; {@code from}/{@code to} as
 * {@code yyyy-MM-dd} (UTC days, both included; default: the 30 days up to today), {@code from ≤ to}, at most
 * {@value #MAX_DAYS} days; filters 1–128 printable characters; {@code model} {@code first} or {@code last}. Every
 * violation is a {@link InvalidParameterException} whose message says exactly what is wrong (a 400).
 */
public final class ReportParameters {

    public static final int MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 30;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern LABEL = Pattern.compile("[\\x20-\\x7e\\u00a0-\\uffff]{1,128}");

    private ReportParameters() {}

    /** A parameter that is unknown, malformed or out of range. */
    public static final class InvalidParameterException extends RuntimeException {
        public InvalidParameterException(String message) {
            super(message);
        }
    }

    /** The filter of these parameters; {@code allowed} lists the names this report accepts. */
    public static ReportFilter parse(Map<String, String> query, Set<String> allowed, Clock clock) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidParameterException("unknown parameter '" + printable(name) + "'; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Optional<LocalDate> from = date(query, "from");
        Optional<LocalDate> to = date(query, "to");
        LocalDate end = to.orElseGet(() -> from.map(f -> f.plusDays(DEFAULT_DAYS - 1)).orElse(today));
        LocalDate start = from.orElse(end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end)) {
            throw new InvalidParameterException("from (" + start + ") is after to (" + end + ")");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > MAX_DAYS) {
            throw new InvalidParameterException("the range from " + start + " to " + end + " spans " + days
                    + " days; at most " + MAX_DAYS);
        }
        AttributionModel model = Optional.ofNullable(query.get("model")).map(m -> AttributionModel.fromWireName(m)
                .orElseThrow(() -> new InvalidParameterException("model must be first or last")))
                .orElse(AttributionModel.FIRST);
        return new ReportFilter(start, end, label(query, "campaign"), label(query, "source"), label(query, "form"), model);
    }

    private static Optional<LocalDate> date(Map<String, String> query, String name) {
        String raw = query.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        if (!DATE.matcher(raw).matches()) {
            throw new InvalidParameterException(name + " must be a date yyyy-MM-dd");
        }
        try {
            return Optional.of(LocalDate.parse(raw));
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name + " is not a calendar date: " + raw);
        }
    }

    private static Optional<String> label(Map<String, String> query, String name) {
        String raw = query.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        if (!LABEL.matcher(raw).matches()) {
            throw new InvalidParameterException(name + " must be 1 to 128 printable characters");
        }
        return Optional.of(raw);
    }

    private static String printable(String name) {
        String clean = name.replaceAll("[^\\x21-\\x7e]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
