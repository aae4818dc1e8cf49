package dev.lem.forms;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A web form, as data: its fields, the consent text version shown next to consent boxes, where to
 * send the visitor after a plain HTML post, which origins may post with fetch (CORS), and its spam
 * defence.
 *
 * @param requireToken                 a submission must carry a signed form token ({@code lem_token} or
 *                                     {@code X-Lem-Token}); true for forms built in code. A stored definition
 *                                     written before this property existed reads as {@code false}, so forms
 *                                     already embedded keep working until their snippet fetches tokens.
 * @param maxSubmissionsPerMinutePerIp per-IP rate limit of this form; null, 0 or less means the default, 10
 * @param minFillSeconds               a token younger than this is refused as "too fast"; null means 3 s
 */
public record FormDefinition(String id, String name, List<FieldDefinition> fields, String consentTextVersion,
                             String thankYouUrl, List<String> allowedOrigins, boolean doubleOptIn, int version,
                             Boolean requireToken, Integer maxSubmissionsPerMinutePerIp, Integer minFillSeconds) {

    public static final int DEFAULT_MAX_SUBMISSIONS_PER_MINUTE_PER_IP = 10;
    public static final int DEFAULT_MIN_FILL_SECONDS = 3;

    public FormDefinition {
        Objects.requireNonNull(id, "id");
        fields = List.copyOf(fields);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (fields.stream().filter(f -> f.type() == FieldType.EMAIL).count() != 1) {
            throw new IllegalArgumentException("form " + id + " needs exactly one email field");
        }
        if (requireToken == null) {
            requireToken = false;
        }
        if (maxSubmissionsPerMinutePerIp == null || maxSubmissionsPerMinutePerIp <= 0) {
            maxSubmissionsPerMinutePerIp = DEFAULT_MAX_SUBMISSIONS_PER_MINUTE_PER_IP;
        }
        if (minFillSeconds == null || minFillSeconds < 0) {
            minFillSeconds = DEFAULT_MIN_FILL_SECONDS;
        }
    }

    /** A new form: tokens required, the default rate limit and minimum fill time. */
    public FormDefinition(String id, String name, List<FieldDefinition> fields, String consentTextVersion,
                          String thankYouUrl, List<String> allowedOrigins, boolean doubleOptIn, int version) {
        this(id, name, fields, consentTextVersion, thankYouUrl, allowedOrigins, doubleOptIn, version, true,
                DEFAULT_MAX_SUBMISSIONS_PER_MINUTE_PER_IP, DEFAULT_MIN_FILL_SECONDS);
    }

    public Optional<FieldDefinition> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public FieldDefinition emailField() {
        return fields.stream().filter(f -> f.type() == FieldType.EMAIL).findFirst().orElseThrow();
    }

    /** Whether a browser page on {@code origin} (scheme://host[:port], exactly as sent) may post with fetch. */
    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }

    public FormDefinition withSpamDefence(boolean tokenRequired, int maxPerMinutePerIp, int minFill) {
        return new FormDefinition(id, name, fields, consentTextVersion, thankYouUrl, allowedOrigins, doubleOptIn,
                version, tokenRequired, maxPerMinutePerIp, minFill);
    }

    /**
     * The demo form {@code lem up} seeds: email (required), name, company, and email consent; tokens required.
     */
    public static FormDefinition demo(String thankYouUrl, List<String> allowedOrigins) {
        return new FormDefinition("demo", "Demo: get the product tour",
                List.of(FieldDefinition.of("email", "Work email", FieldType.EMAIL, true),
                        FieldDefinition.of("name", "Name", FieldType.TEXT, false),
                        FieldDefinition.of("company", "Company", FieldType.TEXT, false),
                        FieldDefinition.consent("consent_email", "Email me product news (unsubscribe any time)",
                                "email")),
                "consent-email-2026-11", thankYouUrl, allowedOrigins, false, 1);
    }
}
