package dev.lem.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one source of LEM's email templates: {@code email-templates/<name>.json} on the classpath, each
 * {@code {"subject", "html", "text"}}. Infra creates one SES template per entry (same name), {@code lem up}'s
 * outbox renders them itself, and notifications sends them by name.
 *
 * <h2>Syntax</h2>
 * The subset of Handlebars that SES renders and {@code lem up} implements: {@code {{var}}},
 * {@code {{#if var}}…{{else}}…{{/if}}} (an empty or missing value is false; use it for fallbacks, e.g.
 * {@code {{#if name}}{{name}}{{else}}there{{/if}}}). Nothing else: no helpers, partials, triple braces or
 * {@code |fallback}. Variables are among {@link #PLACEHOLDERS}.
 */
public final class EmailTemplateCatalog {

    /** The folder on the classpath. */
    public static final String FOLDER = "email-templates/";

    /** Every template, by name (classpath folders cannot be listed portably, so they are named here). */
    public static final List<String> NAMES = List.of("welcome", "welcome-2", "confirm", "nps");

    /**
     * The variables a template may use, and who fills them: {@code name} and {@code company} (the lead's
     * profile, empty when unknown: notifications), {@code openPixelUrl} (the signed open pixel:
     * notifications), {@code confirmUrl} (the signed double opt-in link: form-capture's message data),
     * {@code tourUrlTracked} (a signed click link to the product tour, when the message data has a
     * {@code tourUrl}: {@code lem up}'s demo journey sets it),
     * {@code unsubscribeUrl} (the signed one-click unsubscribe and preference page: notifications),
     * {@code postalAddress} (the sender's postal address, empty when not configured: notifications),
     * {@code question} (a survey step's question: the journey's message data) and {@code answerUrl0} …
     * {@code answerUrl10} (the survey's signed answer links, {@code TrackingLinks.surveyAnswerUrls}: notifications).
     */
    public static final Set<String> PLACEHOLDERS = placeholders();

    private static Set<String> placeholders() {
        Set<String> names = new java.util.HashSet<>(Set.of("name", "company", "openPixelUrl", "confirmUrl",
                "tourUrlTracked", "unsubscribeUrl", "postalAddress", "question"));
        for (int answer = 0; answer <= 10; answer++) {
            names.add("answerUrl" + answer);
        }
        return Set.copyOf(names);
    }

    /**
     * One tag: group 1 {@code #if}'s variable, group 2 {@code else}, group 3 {@code /if}, group 4 a
     * variable. Whitespace inside the braces is allowed.
     */
    public static final Pattern TAG = Pattern.compile(
            "\\{\\{\\s*(?:#if\\s+([A-Za-z0-9_.-]+)|(else)|(/if)|([A-Za-z0-9_.-]+))\\s*}}");

    /** A template's three parts, with placeholders. */
    public record EmailTemplate(String name, String subject, String html, String text) {

        /** Every variable used in the three parts (plain or in {@code #if}). */
        public Set<String> placeholders() {
            Set<String> names = new TreeSet<>();
            for (String part : List.of(subject, html, text)) {
                Matcher tag = TAG.matcher(part);
                while (tag.find()) {
                    if (tag.group(1) != null) {
                        names.add(tag.group(1));
                    } else if (tag.group(4) != null) {
                        names.add(tag.group(4));
                    }
                }
            }
            return names;
        }
    }

    private final Map<String, EmailTemplate> templates;

    private EmailTemplateCatalog(Map<String, EmailTemplate> templates) {
        this.templates = templates;
    }

    /** Loads and checks every template of {@link #NAMES}; a missing, malformed or invalid one fails. */
    public static EmailTemplateCatalog load() {
        Map<String, EmailTemplate> templates = new LinkedHashMap<>();
        for (String name : NAMES) {
            templates.put(name, parse(name, resource(FOLDER + name + ".json")));
        }
        return new EmailTemplateCatalog(templates);
    }

    /** Parses one template file and checks its syntax (see the class comment). */
    public static EmailTemplate parse(String name, String json) {
        JsonNode node = Json.tree(json);
        EmailTemplate template = new EmailTemplate(name, part(node, name, "subject"), part(node, name, "html"),
                part(node, name, "text"));
        for (String part : List.of(template.subject(), template.html(), template.text())) {
            checkSyntax(name, part);
        }
        return template;
    }

    public List<String> names() {
        return List.copyOf(templates.keySet());
    }

    public List<EmailTemplate> all() {
        return List.copyOf(templates.values());
    }

    public Optional<EmailTemplate> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    private static String part(JsonNode node, String name, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("email template '" + name + "' has no " + field);
        }
        return value.asText();
    }

    /** Balanced {@code #if}/{@code else}/{@code /if}, no other {@code {{…}}}. */
    private static void checkSyntax(String name, String part) {
        if (part.contains("{{{") || part.contains("}}}")) {
            throw new IllegalStateException("email template '" + name + "' uses triple braces");
        }
        Deque<Boolean> open = new ArrayDeque<>(); // per open #if: whether its else was seen
        Matcher tag = TAG.matcher(part);
        int from = 0;
        while (tag.find()) {
            unknownTag(name, part.substring(from, tag.start()));
            from = tag.end();
            if (tag.group(1) != null) {
                open.push(false);
            } else if (tag.group(2) != null) {
                if (open.isEmpty() || open.pop()) {
                    throw new IllegalStateException("email template '" + name + "' has an {{else}} outside an {{#if}}");
                }
                open.push(true);
            } else if (tag.group(3) != null) {
                if (open.isEmpty()) {
                    throw new IllegalStateException("email template '" + name + "' has an unmatched {{/if}}");
                }
                open.pop();
            }
        }
        unknownTag(name, part.substring(from));
        if (!open.isEmpty()) {
            throw new IllegalStateException("email template '" + name + "' has an unclosed {{#if}}");
        }
    }

    private static void unknownTag(String name, String text) {
        int at = Math.max(text.indexOf("{{"), text.indexOf("}}"));
        if (at >= 0) {
            throw new IllegalStateException("email template '" + name + "' has an unsupported tag near: "
                    + text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20)));
        }
    }

    private static String resource(String path) {
        try (InputStream in = EmailTemplateCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing email template resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
