package dev.lem.forms;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A web form, as data: its fields, the consent text version shown next to consent boxes, where to
 * send the visitor after a plain HTML post, and which origins may post with fetch (CORS).
 */
public record FormDefinition(String id, String name, List<FieldDefinition> fields, String consentTextVersion,
                             String thankYouUrl, List<String> allowedOrigins, boolean doubleOptIn, int version) {

    public FormDefinition {
        Objects.requireNonNull(id, "id");
        fields = List.copyOf(fields);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (fields.stream().filter(f -> f.type() == FieldType.EMAIL).count() != 1) {
            throw new IllegalArgumentException("form " + id + " needs exactly one email field");
        }
    }

    public Optional<FieldDefinition> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public FieldDefinition emailField() {
        return fields.stream().filter(f -> f.type() == FieldType.EMAIL).findFirst().orElseThrow();
    }

    /**
     * The demo form {@code lem up} seeds: email (required), name, company, and email consent.
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
