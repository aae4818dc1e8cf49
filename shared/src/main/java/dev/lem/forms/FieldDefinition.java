package dev.lem.forms;

import java.util.Objects;

/**
 * One form field.
 *
 * @param consentChannel for a checkbox that records consent: the channel ({@code email}, {@code sms})
 */
public record FieldDefinition(String name, String label, FieldType type, boolean required, int maxLength,
                              String consentChannel) {
    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (maxLength <= 0) {
            maxLength = type == FieldType.CHECKBOX ? 8 : 256;
        }
    }

    public static FieldDefinition of(String name, String label, FieldType type, boolean required) {
        return new FieldDefinition(name, label, type, required, 0, null);
    }

    public static FieldDefinition consent(String name, String label, String channel) {
        return new FieldDefinition(name, label, FieldType.CHECKBOX, false, 0, channel);
    }
}
