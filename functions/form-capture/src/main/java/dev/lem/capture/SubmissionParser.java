package dev.lem.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lem.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a form body into field values: {@code application/x-www-form-urlencoded} (an HTML form) or
 * {@code application/json} (an object of scalar values). Anything else is refused before parsing.
 */
public final class SubmissionParser {

    /** Bodies above this are refused with 413 before they are parsed. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_FIELDS = 100;
    private static final ObjectReader STRICT_JSON = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

    private SubmissionParser() {}

    public static Optional<SubmissionFormat> format(Optional<String> contentType) {
        String mediaType = contentType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        return switch (mediaType) {
            case "application/x-www-form-urlencoded" -> Optional.of(SubmissionFormat.FORM);
            case "application/json" -> Optional.of(SubmissionFormat.JSON);
            default -> Optional.empty();
        };
    }

    /** @throws InvalidSubmissionException when the body does not parse as its format */
    public static Map<String, String> parse(SubmissionFormat format, String body) {
        return switch (format) {
            case FORM -> parseUrlEncoded(body);
            case JSON -> parseJson(body);
        };
    }

    private static Map<String, String> parseUrlEncoded(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(fields, name, value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidSubmissionException("body is not valid application/x-www-form-urlencoded");
        }
    }

    private static Map<String, String> parseJson(String body) {
        JsonNode root;
        try {
            // a repeated key must not silently keep one of its values (as for a repeated form field)
            root = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String duplicate = duplicateField(e);
            throw new InvalidSubmissionException(duplicate == null ? "body is not valid JSON"
                    : "field " + safeName(duplicate) + " appears more than once");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSubmissionException("body must be a JSON object of field values");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new InvalidSubmissionException("field " + safeName(field.getKey()) + " must be a string, number or boolean");
            }
            put(fields, field.getKey(), value.asText());
        }
        return fields;
    }

    private static String duplicateField(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        return duplicate.matches() ? duplicate.group(1) : null;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (fields.size() >= MAX_FIELDS) {
            throw new InvalidSubmissionException("more than " + MAX_FIELDS + " fields");
        }
        if (fields.putIfAbsent(name, value) != null) {
            throw new InvalidSubmissionException("field " + safeName(name) + " appears more than once");
        }
    }

    /** Field names are echoed in errors; keep them short and printable. */
    static String safeName(String name) {
        String printable = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
