package dev.lem.scoring.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Points for who the lead is: one condition on one lead field. {@code emailDomain} is the domain of the
 * lead's email; other fields are profile fields as captured. Exactly one of {@code contains} (any of the
 * words, case-insensitive), {@code in} (equals one of, case-insensitive), {@code between} (a number within
 * min..max inclusive) and {@code freeMail} (the email domain is a free-mail provider's).
 */
public record FitRule(String id, String field, List<String> contains, @JsonProperty("in") List<String> in,
                      Range between, Boolean freeMail, int points) {

    public static final String EMAIL_DOMAIN = "emailDomain";

    /** An inclusive numeric range. */
    public record Range(BigDecimal min, BigDecimal max) {}

    public FitRule {
        contains = contains == null ? null : contains.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        in = in == null ? null : in.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    /** How many conditions the rule has; a valid rule has exactly one. */
    int conditionCount() {
        return (contains != null ? 1 : 0) + (in != null ? 1 : 0) + (between != null ? 1 : 0) + (freeMail != null ? 1 : 0);
    }

    /** Whether the field's value (empty when the lead has none) meets the condition. */
    public boolean matches(Optional<String> value, Set<String> freeMailDomains) {
        if (value.isEmpty() || value.get().isBlank()) {
            return false;
        }
        String v = value.get().trim().toLowerCase(Locale.ROOT);
        if (contains != null) {
            return contains.stream().anyMatch(v::contains);
        }
        if (in != null) {
            return in.contains(v);
        }
        if (between != null) {
            return number(v).filter(n -> n.compareTo(between.min()) >= 0 && n.compareTo(between.max()) <= 0).isPresent();
        }
        return Boolean.TRUE.equals(freeMail) && freeMailDomains.contains(v);
    }

    private static Optional<BigDecimal> number(String value) {
        try {
            return Optional.of(new BigDecimal(value.replace("_", "").replace(",", "")));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
