package dev.lem.local.demo;

import dev.lem.forms.FormDefinition;
import dev.lem.local.Html;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.Routes;
import dev.lem.local.pages.FormHtml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /demo}: a marketer's landing page as a customer would build it, with the LEM form embedded the
 * documented way (plain HTML posting to {@code /f/{formId}}, the token fetched by a small script) and
 * {@code lem.js} for page views. After a click in the welcome email, lem.js reads the signed {@code lem_lt}
 * the click added to the URL, so the visit joins the lead's timeline.
 */
public final class DemoPages {

    /** Scripts from this origin only (the embed snippet and lem.js), beacons and token fetches to it. */
    static final String POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
            + "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

    private final FormDefinition form;
    private final byte[] embedScript;

    public DemoPages(FormDefinition form) {
        this.form = form;
        try (InputStream in = DemoPages.class.getResourceAsStream("embed.js")) {
            if (in == null) {
                throw new IllegalStateException("dev/lem/local/demo/embed.js missing from the classpath");
            }
            this.embedScript = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.get("/demo", r -> page())
                .get("/demo/embed.js", r -> GatewayReply.of(200, "application/javascript; charset=utf-8", embedScript, Map.of()));
    }

    GatewayReply page() {
        String fields = FormHtml.fields(form);
        String body = """
                <p class="muted">Acme Analytics · a demo landing page served by <code>lem up</code></p>
                <h1>See where your pipeline leaks, in one afternoon</h1>
                <p class="lead">Book a guided product tour. We will show you how teams capture every lead, score it by
                fit and engagement, and hand the hot ones to sales within minutes.</p>
                <form id="lem-form" method="post" action="/f/%s" accept-charset="utf-8">
                %s<input type="hidden" name="lem_token" value="">
                <input type="hidden" name="lem_referrer" value=""><input type="hidden" name="lem_landing" value="">
                <div style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden" aria-hidden="true">
                <label>Leave this empty<input type="text" name="lem_hp" value="" tabindex="-1" autocomplete="off"></label>
                </div>
                <button type="submit" disabled>Get the tour</button>
                <p id="lem-form-error" class="muted" role="alert"></p>
                <noscript><p>This form needs JavaScript to fetch its anti-spam token.</p></noscript>
                </form>
                <p class="muted">Behind this page: the form posts to form-capture, the welcome journey mails you at once
                (see the <a href="/outbox">outbox</a>) and again after a short wait if you tick the consent box; opening the
                email and clicking its link raise your score, visible in <a href="/admin">admin</a>; the funnel, velocity
                and journeys are charted on the <a href="/admin/reports/dashboard">reports dashboard</a>.</p>
                <script src="/demo/embed.js" defer></script>
                <script src="/t/lem.js" defer></script>
                """.formatted(Html.escape(form.id()), fields);
        return GatewayReply.of(200, "text/html; charset=utf-8",
                Html.page("Product tour · Acme Analytics", body).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Security-Policy", POLICY));
    }
}
