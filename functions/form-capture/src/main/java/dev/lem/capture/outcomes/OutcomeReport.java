package dev.lem.capture.outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.LeadId;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code POST /outcomes} body, read and validated: which lead (by {@code leadId}, or {@code email} matched through
 * the keyed hash), the verdict ({@code won}, {@code lost}, {@code disqualified}), an optional {@code reason}, the deal
 * {@code value} and {@code currency}, when it happened, and the reporting system's {@code source} and
 * {@code externalId} (the deal id), which make the report idempotent.
 */
public record OutcomeReport(String source, String externalId, Optional<LeadId> leadId, Optional<EmailAddress> email,
                            String outcome, Optional<String> reason, Optional<BigDecimal> value,
                            Optional<String> currency, Instant occurredAt) {

    public static final int MAX_BYTES = 16 * 1024;
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");
    static final Set<String> OUTCOMES = Set.of("won", "lost", "disqualified");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:#-]{1,100}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");
    private static final Set<String> FIELDS = Set.of("source", "externalId", "leadId", "email", "outcome", "reason",
            "value", "currency", "occurredAt");

    /** The body cannot be used: {@code status} is 400, 413 or 422, {@code errors} one message per field. */
    public static final class InvalidOutcomeException extends Exception {
        private final int status;
        private final Map<String, String> errors;

        InvalidOutcomeException(int status, String message, Map<String, String> errors) {
            super(message);
            this.status = status;
            this.errors = Map.copyOf(errors);
        }

        public int status() {
            return status;
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    public static OutcomeReport parse(String body, Instant now) throws InvalidOutcomeException {
        if (body == null || body.isBlank()) {
            throw new InvalidOutcomeException(400, "body is empty: expected a JSON object", Map.of());
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidOutcomeException(413, "body is larger than " + MAX_BYTES + " bytes", Map.of());
        }
        JsonNode root;
        try {
            root = Json.strictTree(body);
        } catch (MalformedJsonException e) {
            throw new InvalidOutcomeException(400, "body is not valid JSON (or repeats a field)", Map.of());
        }
        if (!root.isObject()) {
            throw new InvalidOutcomeException(400, "body must be a JSON object", Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.put(name, "unknown field");
            }
        }
        String source = text(root, "source", errors, true, SOURCE, "1 to 64 of a-z 0-9 _ - (e.g. crm)");
        String externalId = text(root, "externalId", errors, true, EXTERNAL_ID, "1 to 100 of A-Z a-z 0-9 . _ : # -");
        String rawLead = text(root, "leadId", errors, false, null, null);
        String rawEmail = text(root, "email", errors, false, null, null);
        Optional<LeadId> leadId = Optional.empty();
        Optional<EmailAddress> email = Optional.empty();
        if ((rawLead == null) == (rawEmail == null) && !errors.containsKey("leadId") && !errors.containsKey("email")) {
            errors.put("lead", "give exactly one of leadId and email");
        } else if (rawLead != null) {
            if (LeadId.isValid(rawLead)) {
                leadId = Optional.of(new LeadId(rawLead));
            } else {
                errors.put("leadId", "not a lead id");
            }
        } else if (rawEmail != null) {
            email = EmailAddress.parse(rawEmail);
            if (email.isEmpty()) {
                errors.put("email", "not an email address");
            }
        }
        String outcome = text(root, "outcome", errors, true, null, null);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            errors.put("outcome", "must be won, lost or disqualified");
        }
        String reason = text(root, "reason", errors, false, null, null);
        if (reason != null && (reason.isBlank() || reason.length() > 200 || UNPRINTABLE.matcher(reason).find())) {
            errors.put("reason", "1 to 200 printable characters");
        }
        Optional<BigDecimal> value = Optional.empty();
        JsonNode rawValue = root.get("value");
        if (rawValue != null && !rawValue.isNull()) {
            if (!rawValue.isNumber() || rawValue.decimalValue().signum() < 0
                    || rawValue.decimalValue().compareTo(MAX_VALUE) > 0 || rawValue.decimalValue().scale() > 4) {
                errors.put("value", "a number from 0 to 10^12 with at most 4 decimals");
            } else {
                value = Optional.of(rawValue.decimalValue());
            }
        }
        String currency = text(root, "currency", errors, false, CURRENCY, "an ISO 4217 code such as EUR");
        if (value.isPresent() && currency == null && !errors.containsKey("currency")) {
            errors.put("currency", "required with value");
        }
        Instant occurredAt = now;
        String rawAt = text(root, "occurredAt", errors, false, null, null);
        if (rawAt != null) {
            try {
                occurredAt = Instant.parse(rawAt);
                if (occurredAt.isAfter(now.plus(MAX_AHEAD))) {
                    errors.put("occurredAt", "is in the future");
                }
            } catch (DateTimeParseException e) {
                errors.put("occurredAt", "an ISO-8601 UTC instant such as 2026-11-30T16:00:00Z");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidOutcomeException(422, "the outcome is invalid", errors);
        }
        return new OutcomeReport(source, externalId, leadId, email, outcome, Optional.ofNullable(reason), value,
                Optional.ofNullable(currency), occurredAt);
    }

    private static String text(JsonNode root, String field, Map<String, String> errors, boolean required,
                               Pattern pattern, String expected) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.put(field, "required");
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.put(field, "must be a string");
            return null;
        }
        String value = node.asText();
        if (value.length() > 320) {
            errors.put(field, "too long");
            return null;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            errors.put(field, expected);
            return null;
        }
        return value;
    }
}
