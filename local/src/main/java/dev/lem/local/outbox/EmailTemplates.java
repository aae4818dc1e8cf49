package dev.lem.local.outbox;

import dev.lem.json.Json;
import dev.lem.local.Html;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email templates {@code lem up} renders itself (in AWS, SES holds them): {@code welcome} and
 * {@code welcome-2}, with {@code {{name}}} placeholders ({@code {{name|fallback}}} when the value may be
 * empty). Values are HTML-escaped in the HTML part and kept on one line in the subject. An unknown
 * template still renders: its data, as JSON.
 */
public final class EmailTemplates {

    /** A template's three parts, with placeholders. */
    public record Template(String subject, String html, String text) {}

    /** A rendered email. */
    public record Rendered(String subject, String html, String text) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|([^}]*))?}}");

    private final Map<String, Template> templates;

    public EmailTemplates(Map<String, Template> templates) {
        this.templates = Map.copyOf(templates);
    }

    public static EmailTemplates builtIn() {
        return new EmailTemplates(Map.of("welcome", WELCOME, "welcome-2", WELCOME_2));
    }

    public boolean knows(String template) {
        return templates.containsKey(template);
    }

    public Rendered render(String template, Map<String, String> data) {
        Template found = templates.get(template);
        if (found == null) {
            String json = Json.write(new TreeMap<>(data));
            return new Rendered("[" + oneLine(template) + "]",
                    "<!doctype html><meta charset=\"utf-8\"><p>No local template named <code>" + Html.escape(template)
                            + "</code>; its data:</p><pre>" + Html.escape(json) + "</pre>",
                    json);
        }
        return new Rendered(fill(found.subject(), data, EmailTemplates::oneLine),
                fill(found.html(), data, Html::escape),
                fill(found.text(), data, UnaryOperator.identity()));
    }

    /** Replaces every placeholder with its value (or fallback), passed through {@code escape}. */
    static String fill(String template, Map<String, String> data, UnaryOperator<String> escape) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = data.get(placeholder.group(1));
            if (value == null || value.isBlank()) {
                value = placeholder.group(2) == null ? "" : placeholder.group(2);
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static final String OPEN_PIXEL = "<img src=\"{{openPixelUrl}}\" width=\"1\" height=\"1\" alt=\"\">";

    static final Template WELCOME = new Template(
            "Welcome, {{name|there}}: your product tour",
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Welcome</title></head>
            <body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d1f24">
            <div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:10px;padding:28px">
            <h1 style="font-size:22px;margin:0 0 12px">Welcome, {{name|there}}!</h1>
            <p style="line-height:1.5">Thanks for asking for the product tour. We will tailor it to {{company|your team}}:
            how leads are captured, scored and nurtured until they are ready for sales.</p>
            <p style="line-height:1.5">Reply to this email with the one question you want answered first.</p>
            <p style="line-height:1.5;color:#667">The LEM team</p>
            </div>
            %s
            </body></html>
            """.formatted(OPEN_PIXEL),
            """
            Welcome, {{name|there}}!

            Thanks for asking for the product tour. We will tailor it to {{company|your team}}:
            how leads are captured, scored and nurtured until they are ready for sales.

            Reply to this email with the one question you want answered first.

            The LEM team
            """);

    static final Template WELCOME_2 = new Template(
            "{{name|Hello}}, three things teams do first with LEM",
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Three things to try</title></head>
            <body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1d1f24">
            <div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:10px;padding:28px">
            <h1 style="font-size:22px;margin:0 0 12px">Still curious, {{name|there}}?</h1>
            <p style="line-height:1.5">Here is what teams like {{company|yours}} set up in their first week:</p>
            <ol style="line-height:1.5">
            <li>One form per campaign, so every lead knows where it came from.</li>
            <li>Scoring rules that match how sales qualifies a lead.</li>
            <li>A welcome journey that hands hot leads to sales within minutes.</li>
            </ol>
            <p style="line-height:1.5;color:#667">You get this because you asked for product news. You can unsubscribe any time.</p>
            </div>
            %s
            </body></html>
            """.formatted(OPEN_PIXEL),
            """
            Still curious, {{name|there}}?

            Here is what teams like {{company|yours}} set up in their first week:
            1. One form per campaign, so every lead knows where it came from.
            2. Scoring rules that match how sales qualifies a lead.
            3. A welcome journey that hands hot leads to sales within minutes.

            You get this because you asked for product news. You can unsubscribe any time.
            """);
}
