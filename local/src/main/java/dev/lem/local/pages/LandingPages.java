package dev.lem.local.pages;

import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FormDefinition;
import dev.lem.local.Html;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.Routes;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The demo site: a landing page with the demo form (a plain HTML form posting to {@code /f/{formId}},
 * built from the form's definition), a thank-you page, and a health check. The page is rendered by the server, so
 * it carries a fresh form token in {@code lem_token} directly (an embed on another site fetches one from
 * {@code /f/{formId}/token}, see README), and the honeypot {@code lem_hp}, hidden by CSS.
 */
public final class LandingPages {

    private final FormDefinition form;
    private final Supplier<String> formTokens;

    /** @param formTokens issues a fresh signed token for the demo form on every page view */
    public LandingPages(FormDefinition form, Supplier<String> formTokens) {
        this.form = form;
        this.formTokens = formTokens;
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.get("/", r -> landing())
                .get("/thanks", r -> thanks())
                .get("/health", r -> GatewayReply.json(200, Map.of("status", "ok")));
    }

    GatewayReply landing() {
        StringBuilder fields = new StringBuilder();
        for (FieldDefinition field : form.fields()) {
            fields.append(field(field));
        }
        String body = """
                <h1>%s</h1>
                <p class="lead">This page runs on your machine with the whole LEM suite behind it: the form posts to the
                real form-capture function, a welcome email lands in the local <a href="/outbox">outbox</a>, and opening it
                fires the real tracking pixel, which raises the lead's score.</p>
                <form method="post" action="/f/%s" accept-charset="utf-8">
                %s<input type="hidden" name="lem_token" value="%s">
                <div style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden" aria-hidden="true">
                <label>Leave this empty<input type="text" name="lem_hp" value="" tabindex="-1" autocomplete="off"></label>
                </div>
                <button type="submit">Get the tour</button>
                </form>
                <p class="muted">Then open the <a href="/outbox">outbox</a> (or <a href="/outbox.json">as JSON</a>).
                Ticking the consent box also schedules a follow-up email two days later.</p>
                """.formatted(Html.escape(form.name()), Html.escape(form.id()), fields, Html.escape(formTokens.get()));
        return GatewayReply.html(200, Html.page(form.name() + " · lem up", body));
    }

    private static String field(FieldDefinition field) {
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

    GatewayReply thanks() {
        return GatewayReply.html(200, Html.page("Thank you · lem up", """
                <h1>Thank you!</h1>
                <p class="lead">Your request reached LEM. The welcome email is on its way to the local
                <a href="/outbox">outbox</a>: it usually shows up within a second or two.</p>
                <p><a href="/">Back to the form</a></p>
                """));
    }
}
