package dev.lem.local.outbox;

import dev.lem.local.Html;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading the outbox: {@code /outbox} lists every email (newest first), {@code /outbox/{n}} shows one with
 * its HTML in a sandboxed frame ({@code /outbox/{n}/html}), so opening it loads the real open pixel;
 * {@code /outbox.json} is the same list for scripts and tests.
 */
public final class OutboxPages {

    private final OutboxMailer outbox;

    public OutboxPages(OutboxMailer outbox) {
        this.outbox = outbox;
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.get("/outbox", r -> list())
                .get("/outbox.json", r -> json())
                .get("/outbox/{n}", this::email)
                .get("/outbox/{n}/html", this::emailHtml);
    }

    GatewayReply list() {
        List<SentEmail> emails = outbox.newestFirst();
        StringBuilder body = new StringBuilder("<h1>Outbox</h1><p class=\"lead\">Every email LEM sent while running here. "
                + "Nothing left this machine.</p><p><a href=\"/\">Landing page</a> · <a href=\"/outbox.json\">JSON</a></p>");
        if (emails.isEmpty()) {
            body.append("<p class=\"muted\">No email yet: submit the form on the <a href=\"/\">landing page</a>, "
                    + "then reload this page.</p>");
        } else {
            body.append("<table><thead><tr><th>#</th><th>Sent</th><th>To</th><th>Template</th><th>Subject</th></tr></thead><tbody>");
            for (SentEmail email : emails) {
                body.append("<tr><td>").append(email.number()).append("</td><td>").append(Html.escape(email.sentAt().toString()))
                        .append("</td><td>").append(Html.escape(email.to())).append("</td><td><code>")
                        .append(Html.escape(email.template())).append("</code></td><td><a href=\"/outbox/")
                        .append(email.number()).append("\">").append(Html.escape(email.subject())).append("</a></td></tr>");
            }
            body.append("</tbody></table>");
        }
        return GatewayReply.html(200, Html.page("Outbox · lem up", body.toString()));
    }

    GatewayReply json() {
        return GatewayReply.json(200, outbox.newestFirst().stream().map(email -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", email.number());
            item.put("providerId", email.providerId());
            item.put("messageId", email.messageId());
            item.put("to", email.to());
            item.put("template", email.template());
            item.put("subject", email.subject());
            item.put("sentAt", email.sentAt().toString());
            item.put("data", email.data());
            return item;
        }).toList());
    }

    GatewayReply email(GatewayRequest request) {
        Optional<SentEmail> found = find(request);
        if (found.isEmpty()) {
            return GatewayReply.html(404, Html.page("Not in the outbox", "<h1>Not in the outbox</h1><p><a href=\"/outbox\">Outbox</a></p>"));
        }
        SentEmail email = found.get();
        String body = "<p><a href=\"/outbox\">← Outbox</a></p><h1>" + Html.escape(email.subject()) + "</h1><dl>"
                + "<dt>To</dt><dd>" + Html.escape(email.to()) + "</dd>"
                + "<dt>Template</dt><dd><code>" + Html.escape(email.template()) + "</code></dd>"
                + "<dt>Message id</dt><dd><code>" + Html.escape(email.messageId()) + "</code></dd>"
                + "<dt>Sent</dt><dd>" + Html.escape(email.sentAt().toString()) + "</dd></dl>"
                + "<p class=\"muted\">Showing the email loads its open pixel, as a mail client would: the lead's score goes up.</p>"
                + "<iframe sandbox=\"allow-top-navigation-by-user-activation\" title=\"Email\" src=\"/outbox/"
                + email.number() + "/html\"></iframe>"
                + "<h2>Plain text</h2><pre>" + Html.escape(email.text()) + "</pre>";
        return GatewayReply.html(200, Html.page(email.subject() + " · Outbox", body));
    }

    GatewayReply emailHtml(GatewayRequest request) {
        return find(request).map(email -> GatewayReply.sandboxedHtml(linksOpenInTheTab(email.html())))
                .orElseGet(() -> GatewayReply.error(404, "not in the outbox"));
    }

    /**
     * Like a webmail, links in the shown email open in the whole tab ({@code <base target="_top">}), not
     * inside the frame: a click leads through {@code /t/c} to its target page, as from a mail client.
     */
    static String linksOpenInTheTab(String html) {
        java.util.regex.Matcher head = java.util.regex.Pattern.compile("<head(\\s[^>]*)?>", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(html);
        String base = "<base target=\"_top\">";
        return head.find() ? html.substring(0, head.end()) + base + html.substring(head.end()) : base + html;
    }

    private Optional<SentEmail> find(GatewayRequest request) {
        String n = request.pathParameter("n");
        if (!n.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return outbox.find(Long.parseLong(n));
    }
}
