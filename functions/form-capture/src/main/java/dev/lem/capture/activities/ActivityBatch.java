package dev.lem.capture.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.LeadId;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code POST /activities} body: {@code {"items": [ ... ]}} with 1 to {@value #MAX_ITEMS}
 * items. A broken envelope refuses the whole batch ({@link InvalidBatchException}); a broken item refuses only that
 * item, with every field's message ({@link Item.Invalid}).
 */
public final class ActivityBatch {

    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_ITEMS = 100;
    static final int MAX_ATTRIBUTES = 20;
    static final int MAX_ATTRIBUTE_VALUE = 512;
    /** How far in the future an item may be (clock skew of the sender). */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** How old an item may be: older records are history imports, not activity to score. */
    static final Duration MAX_AGE = Duration.ofDays(730);

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern TYPE = Pattern.compile("offline\\.[a-z0-9][a-z0-9-]{0,39}(\\.[a-z0-9][a-z0-9-]{0,39})?");
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");
    private static final Set<String> FIELDS = Set.of("source", "externalId", "type", "occurredAt", "leadId", "email",
            "attributes");
    /** Set by LEM on the stored activity; a sender may not set them. */
    static final Set<String> RESERVED_ATTRIBUTES = Set.of("source", "externalId", "visitorId");

    private ActivityBatch() {}

    /** One item: valid, or refused with a message per field. */
    public sealed interface Item {
        record Valid(OfflineActivity activity) implements Item {}

        record Invalid(Optional<String> source, Optional<String> externalId, Map<String, String> errors) implements Item {}
    }

    /** The whole body is unusable: {@code status} is 400 or 413 or 422. */
    public static final class InvalidBatchException extends Exception {
        private final int status;

        InvalidBatchException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public static List<Item> parse(String body, Instant now) throws InvalidBatchException {
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidBatchException(413, "body exceeds " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = Json.strictTree(body);
        } catch (MalformedJsonException e) {
            throw new InvalidBatchException(400, "body is not valid JSON (or repeats a key, or nests deeper than 64)");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidBatchException(400, "body must be a JSON object {\"items\": [...]}");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            if (!names.next().equals("items")) {
                throw new InvalidBatchException(422, "the body has only one property: items");
            }
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new InvalidBatchException(422, "items must be a non-empty array");
        }
        if (items.size() > MAX_ITEMS) {
            throw new InvalidBatchException(422, "at most " + MAX_ITEMS + " items per batch");
        }
        List<Item> parsed = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            parsed.add(item(item, now));
        }
        return parsed;
    }

    private static Item item(JsonNode node, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!node.isObject()) {
            return new Item.Invalid(Optional.empty(), Optional.empty(), Map.of("item", "must be a JSON object"));
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.put(printable(name), "unknown field");
            }
        });
        Optional<String> source = text(node, "source", errors).filter(s -> matches(SOURCE, s, "source",
                "1-64 of a-z 0-9 _ - (starting with a letter or digit)", errors));
        Optional<String> externalId = text(node, "externalId", errors).filter(s -> matches(EXTERNAL_ID, s, "externalId",
                "1-128 printable ASCII characters without spaces", errors));
        Optional<String> type = text(node, "type", errors).filter(s -> matches(TYPE, s, "type",
                "offline.<kind> in a-z 0-9 - (e.g. offline.showroom-visit, offline.call)", errors));
        Optional<Instant> occurredAt = text(node, "occurredAt", errors).flatMap(s -> instant(s, now, errors));
        Optional<LeadId> leadId = optionalText(node, "leadId", errors).flatMap(s -> {
            if (LeadId.isValid(s)) {
                return Optional.of(new LeadId(s));
            }
            errors.put("leadId", "must be a lead id (a lowercase UUID)");
            return Optional.empty();
        });
        Optional<EmailAddress> email = optionalText(node, "email", errors).flatMap(s -> {
            Optional<EmailAddress> parsed = EmailAddress.parse(s);
            if (parsed.isEmpty()) {
                errors.put("email", "must be a valid email address");
            }
            return parsed;
        });
        boolean hasLead = node.hasNonNull("leadId");
        boolean hasEmail = node.hasNonNull("email");
        if (hasLead == hasEmail) {
            errors.putIfAbsent("leadId", "give exactly one of leadId and email");
        }
        Map<String, String> attributes = attributes(node.get("attributes"), errors);
        if (!errors.isEmpty()) {
            return new Item.Invalid(source, externalId, errors);
        }
        return new Item.Valid(new OfflineActivity(source.orElseThrow(), externalId.orElseThrow(), type.orElseThrow(),
                occurredAt.orElseThrow(), leadId, email, attributes));
    }

    private static Optional<String> text(JsonNode node, String field, Map<String, String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.put(field, "required");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.put(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static Optional<String> optionalText(JsonNode node, String field, Map<String, String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.put(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static boolean matches(Pattern pattern, String value, String field, String rule, Map<String, String> errors) {
        if (pattern.matcher(value).matches()) {
            return true;
        }
        errors.put(field, "must be " + rule);
        return false;
    }

    private static Optional<Instant> instant(String text, Instant now, Map<String, String> errors) {
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.put("occurredAt", "must be an ISO-8601 instant in UTC, e.g. 2026-11-23T10:15:30Z");
            return Optional.empty();
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            errors.put("occurredAt", "must not be in the future");
            return Optional.empty();
        }
        if (at.isBefore(now.minus(MAX_AGE))) {
            errors.put("occurredAt", "must be within the last " + MAX_AGE.toDays() + " days");
            return Optional.empty();
        }
        return Optional.of(at);
    }

    private static Map<String, String> attributes(JsonNode node, Map<String, String> errors) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return attributes;
        }
        if (!node.isObject()) {
            errors.put("attributes", "must be an object of strings");
            return attributes;
        }
        if (node.size() > MAX_ATTRIBUTES) {
            errors.put("attributes", "at most " + MAX_ATTRIBUTES + " attributes");
            return attributes;
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                errors.put("attributes", "names must be 1-64 of A-Z a-z 0-9 _ . - starting with a letter");
            } else if (RESERVED_ATTRIBUTES.contains(key)) {
                errors.put("attributes." + key, "is set by LEM");
            } else if (!field.getValue().isTextual()) {
                errors.put("attributes." + key, "must be a string");
            } else {
                String value = Normalizer.normalize(field.getValue().asText(), Normalizer.Form.NFC);
                if (value.codePointCount(0, value.length()) > MAX_ATTRIBUTE_VALUE || UNPRINTABLE.matcher(value).find()) {
                    errors.put("attributes." + key, "must be at most " + MAX_ATTRIBUTE_VALUE
                            + " printable characters");
                } else {
                    attributes.put(key, value);
                }
            }
        }
        return attributes;
    }

    /** A field name echoed in an error: printable ASCII, at most 64 characters. */
    private static String printable(String name) {
        String cleaned = name.replaceAll("[^\\x21-\\x7E]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
