package dev.lem.local.outbox;

import dev.lem.json.Json;
import dev.lem.local.Html;
import dev.lem.messaging.EmailTemplateCatalog;
import dev.lem.messaging.EmailTemplateCatalog.EmailTemplate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * The email templates {@code lem up} renders itself: those of {@link EmailTemplateCatalog}, the same files
 * infra turns into SES templates. It implements the catalog's Handlebars subset: {@code {{name}}} and
 * {@code {{#if name}}…{{else}}…{{/if}}} (an empty or missing value is false). Values are HTML-escaped in the
 * HTML part and kept on one line in the subject. An unknown template still renders: its data, as JSON.
 */
public final class EmailTemplates {

    /** A template's three parts, with placeholders. */
    public record Template(String subject, String html, String text) {}

    /** A rendered email. */
    public record Rendered(String subject, String html, String text) {}

    private final Map<String, Template> templates;

    public EmailTemplates(Map<String, Template> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** Every template of the shared catalog. */
    public static EmailTemplates builtIn() {
        return fromCatalog(EmailTemplateCatalog.load());
    }

    public static EmailTemplates fromCatalog(EmailTemplateCatalog catalog) {
        return new EmailTemplates(catalog.all().stream().collect(Collectors.toMap(EmailTemplate::name,
                t -> new Template(t.subject(), t.html(), t.text()), (a, b) -> a, TreeMap::new)));
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
        return new Rendered(oneLine(fill(found.subject(), data, UnaryOperator.identity())),
                fill(found.html(), data, Html::escape),
                fill(found.text(), data, UnaryOperator.identity()));
    }

    /**
     * Replaces every {@code {{name}}} with its value passed through {@code escape}, and keeps the branch of
     * every {@code {{#if name}}} that the value selects (the catalog has checked the tags are balanced).
     */
    static String fill(String template, Map<String, String> data, UnaryOperator<String> escape) {
        Function<String, String> value = name -> data.getOrDefault(name, "");
        Matcher tag = EmailTemplateCatalog.TAG.matcher(template);
        StringBuilder out = new StringBuilder();
        // one entry per open #if: whether the current branch is rendered
        Deque<Boolean> branches = new ArrayDeque<>();
        Deque<Boolean> conditions = new ArrayDeque<>();
        int from = 0;
        while (tag.find()) {
            boolean rendering = !branches.contains(false);
            if (rendering) {
                out.append(template, from, tag.start());
            }
            from = tag.end();
            if (tag.group(1) != null) {
                boolean condition = !value.apply(tag.group(1)).isBlank();
                conditions.push(condition);
                branches.push(condition);
            } else if (tag.group(2) != null) {
                branches.pop();
                branches.push(!conditions.peek());
            } else if (tag.group(3) != null) {
                branches.pop();
                conditions.pop();
            } else if (rendering) {
                out.append(escape.apply(value.apply(tag.group(4))));
            }
        }
        if (!branches.contains(false)) {
            out.append(template, from, template.length());
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }
}
