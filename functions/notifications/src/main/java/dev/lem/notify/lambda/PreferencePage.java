package dev.lem.notify.lambda;

import dev.lem.messaging.Channel;
import dev.lem.notify.PreferenceService;

/** The preference page and the short answers of {@code /u/{token}}: static HTML, every dynamic value escaped. */
final class PreferencePage {

    /** Form fields {@code topic.<id>=on|off}. */
    static final String TOPIC_FIELD_PREFIX = "topic.";

    private PreferencePage() {}

    static String page(PreferenceService.Preferences preferences, String token, boolean saved) {
        StringBuilder rows = new StringBuilder();
        for (PreferenceService.ChannelPreference channel : preferences.channels().values()) {
            String name = channel.channel().wireName();
            String label = channel.channel() == Channel.EMAIL ? "Email" : "Text messages (SMS)";
            if (channel.blockedFor().isPresent()) {
                rows.append("<p>").append(label).append(": we cannot reach you on this channel any more (")
                        .append(escape(channel.blockedFor().get().wireName())).append(").</p>\n");
                continue;
            }
            rows.append("<fieldset><legend>").append(label).append("</legend>")
                    .append(radio(name, "on", channel.subscribed(), "Send me news and offers"))
                    .append(radio(name, "off", !channel.subscribed(), "Unsubscribe"))
                    .append("</fieldset>\n");
        }
        if (!preferences.topics().isEmpty()) {
            rows.append("<h2>Topics</h2>\n");
        }
        preferences.topics().forEach((topic, subscribed) -> rows.append("<fieldset><legend>").append(escape(topic.label()))
                .append("</legend>")
                .append(radio(TOPIC_FIELD_PREFIX + topic.id(), "on", subscribed, "Send me this"))
                .append(radio(TOPIC_FIELD_PREFIX + topic.id(), "off", !subscribed, "Not interested"))
                .append("</fieldset>\n"));
        String action = "/u/" + escape(token);
        return shell("Your email preferences", (saved ? "<p role=\"status\"><strong>Saved.</strong></p>\n" : "")
                + "<form method=\"post\" action=\"" + action + "\">\n<input type=\"hidden\" name=\"preferences\" value=\"1\">\n"
                + rows + "<p><button type=\"submit\">Save my preferences</button></p>\n</form>\n"
                + "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                + "value=\"One-Click\"><p><button type=\"submit\">Unsubscribe from " + escape(preferences.linkChannel().wireName())
                + "</button></p></form>");
    }

    static String unsubscribed() {
        return shell("You are unsubscribed", "<p>You will not get marketing messages from us on this channel any more.</p>");
    }

    static String invalid() {
        return shell("Link not valid", "<p>This link is not valid or no longer works. Nothing was changed.</p>");
    }

    private static String radio(String name, String value, boolean checked, String label) {
        return "<label><input type=\"radio\" name=\"" + escape(name) + "\" value=\"" + value + "\"" + (checked ? " checked" : "")
                + "> " + label + "</label> ";
    }

    private static String shell(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head>\n"
                + "<body style=\"font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:24px auto;padding:0 16px\">\n"
                + "<h1>" + title + "</h1>\n" + body + "\n</body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
