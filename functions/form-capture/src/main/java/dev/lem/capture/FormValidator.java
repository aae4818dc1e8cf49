package dev.lem.capture;

import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import dev.lem.lead.EmailAddress;
import java.net.URI;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks submitted values against the form's field definitions and reports every field's problem at
 * once. Values are Unicode-normalised (NFC) and trimmed first; control characters are refused.
 */
public final class FormValidator {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,24}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t]]");
    private static final Set<String> CHECKED = Set.of("on", "true", "1", "yes");
    private static final Set<String> UNCHECKED = Set.of("", "off", "false", "0", "no");

    private FormValidator() {}

    /** The valid values: the email, other fields for the lead's profile, and consent per channel. */
    public record ValidSubmission(EmailAddress email, Map<String, String> profile, Map<String, Boolean> consents) {}

    /** Either the valid submission or the errors, by field name. */
    public record Result(Optional<ValidSubmission> valid, Map<String, String> errors) {}

    public static Result validate(FormDefinition form, Map<String, String> submitted) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> profile = new LinkedHashMap<>();
        Map<String, Boolean> consents = new LinkedHashMap<>();
        EmailAddress email = null;
        for (FieldDefinition field : form.fields()) {
            String value = normalise(submitted.getOrDefault(field.name(), ""));
            Optional<String> error = check(field, value);
            if (error.isPresent()) {
                errors.put(field.name(), error.get());
                continue;
            }
            switch (field.type()) {
                case EMAIL -> email = EmailAddress.parse(value).orElse(null);
                case CHECKBOX -> {
                    if (field.consentChannel() != null) {
                        consents.put(field.consentChannel(), CHECKED.contains(value.toLowerCase(Locale.ROOT)));
                    } else if (!value.isEmpty()) {
                        profile.put(field.name(), Boolean.toString(CHECKED.contains(value.toLowerCase(Locale.ROOT))));
                    }
                }
                case TEXT, PHONE, URL -> {
                    if (!value.isEmpty()) {
                        profile.put(field.name(), value);
                    }
                }
            }
        }
        if (email == null && !errors.containsKey(form.emailField().name())) {
            // an optional email field left empty: the lead is identified by its email, so it is needed
            errors.put(form.emailField().name(), label(form.emailField()) + " is required");
        }
        if (!errors.isEmpty() || email == null) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new ValidSubmission(email, profile, consents)), Map.of());
    }

    private static Optional<String> check(FieldDefinition field, String value) {
        if (value.isEmpty()) {
            return field.required() ? Optional.of(label(field) + " is required") : Optional.empty();
        }
        if (field.type() == FieldType.CHECKBOX && field.required() && UNCHECKED.contains(value.toLowerCase(Locale.ROOT))) {
            return Optional.of(label(field) + " is required");
        }
        if (value.codePointCount(0, value.length()) > field.maxLength()) {
            return Optional.of(label(field) + " must be at most " + field.maxLength() + " characters");
        }
        if (CONTROL.matcher(value).find()) {
            return Optional.of(label(field) + " contains control characters");
        }
        return switch (field.type()) {
            case EMAIL -> EmailAddress.parse(value).isPresent() ? Optional.empty()
                    : Optional.of(label(field) + " is not a valid email address");
            case PHONE -> PHONE.matcher(value).matches() ? Optional.empty()
                    : Optional.of(label(field) + " is not a valid phone number");
            case URL -> validUrl(value) ? Optional.empty() : Optional.of(label(field) + " must be an http(s) URL");
            case CHECKBOX -> CHECKED.contains(value.toLowerCase(Locale.ROOT)) || UNCHECKED.contains(value.toLowerCase(Locale.ROOT))
                    ? Optional.empty() : Optional.of(label(field) + " must be checked or unchecked");
            case TEXT -> Optional.empty();
        };
    }

    private static boolean validUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    }

    private static String label(FieldDefinition field) {
        return field.label() == null || field.label().isBlank() ? field.name() : field.label();
    }
}
