package dev.lem.local.pages;

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
        String fields = FormHtml.fields(form);
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
                Ticking the consent box also schedules the follow-up email of the welcome journey. The
                <a href="/demo">demo landing page</a> embeds the same form the way a customer's site would, with lem.js;
                <a href="/admin">admin</a> shows every lead.</p>
                """.formatted(Html.escape(form.name()), Html.escape(form.id()), fields, Html.escape(formTokens.get()));
        return GatewayReply.html(200, Html.page(form.name() + " · lem up", body));
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
