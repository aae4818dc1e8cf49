package dev.lem.local.pages;

import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FormDefinition;
import dev.lem.local.Html;

/** The input elements of a form definition's fields, escaped; shared by the landing and demo pages. */
public final class FormHtml {
    private FormHtml() {}

    public static String fields(FormDefinition form) {
        StringBuilder html = new StringBuilder();
        for (FieldDefinition field : form.fields()) {
            html.append(field(field));
        }
        return html.toString();
    }

    static String field(FieldDefinition field) {
        String name = Html.escape(field.name());
        String label = Html.escape(field.label() == null ? field.name() : field.label());
        String required = field.required() ? " required" : "";
        return switch (field.type()) {
            case CHECKBOX -> "<label class=\"check\"><input type=\"checkbox\" name=\"" + name + "\" value=\"on\">"
                    + "<span>" + label + "</span></label>\n";
            case EMAIL -> input("email", name, label, required, field.maxLength(), " autocomplete=\"email\"");
            case PHONE -> input("tel", name, label, required, field.maxLength(), " autocomplete=\"tel\"");
            case URL -> input("url", name, label, required, field.maxLength(), "");
            case TEXT -> input("text", name, label, required, field.maxLength(),
                    "name".equals(field.name()) ? " autocomplete=\"name\"" : "company".equals(field.name())
                            ? " autocomplete=\"organization\"" : "");
        };
    }

    private static String input(String type, String name, String label, String required, int maxLength, String extra) {
        return "<label>" + label + (required.isEmpty() ? "" : " *") + "<input type=\"" + type + "\" name=\"" + name
                + "\" maxlength=\"" + maxLength + "\"" + required + extra + "></label>\n";
    }

}
