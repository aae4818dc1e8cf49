package dev.lem.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a form field holds; each type has its own validation in form-capture. */
public enum FieldType {
    EMAIL, TEXT, PHONE, URL, CHECKBOX;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
