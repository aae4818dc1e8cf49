package dev.lem.messaging;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 ({@code +} country code and subscriber number, 8-15 digits, no leading zero):
 * the only form SMS is sent to. Spaces, dots, dashes and brackets people type are dropped; anything else
 * (letters, a missing {@code +}, too short or long) is not a number.
 */
public record PhoneNumber(String value) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[ .()\\-]");

    public PhoneNumber {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException("phone number must be E.164, e.g. +353861234567");
        }
    }

    public static Optional<PhoneNumber> parse(String raw) {
        if (raw == null || raw.length() > 40) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        return E164.matcher(compact).matches() ? Optional.of(new PhoneNumber(compact)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "PhoneNumber[redacted]";
    }
}
