package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.EmailAddress;
import dev.lem.local.outbox.EmailTemplates;
import dev.lem.local.outbox.OutboxMailer;
import dev.lem.local.outbox.SentEmail;
import dev.lem.notify.OutgoingEmail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbox renders the templates notifications names, escaping what leads typed into the form. */
class LemUpOutboxRenderingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String PIXEL = "http://127.0.0.1:8080/t/o.gif?l=abc&m=welcome.1.abc&s=sig";

    private final OutboxMailer outbox = new OutboxMailer(EmailTemplates.builtIn(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void send_whenWelcome_rendersNameCompanyAndTheOpenPixel() {
        String providerId = outbox.send(email("welcome", Map.of("name", "Ada", "company", "Analytical",
                "openPixelUrl", PIXEL)));

        SentEmail sent = outbox.newestFirst().getFirst();
        assertThat(providerId).isEqualTo("outbox-1");
        assertThat(sent.to()).isEqualTo("ada@example.com");
        assertThat(sent.subject()).isEqualTo("Welcome, Ada: your product tour");
        assertThat(sent.html()).contains("Welcome, Ada!", "Analytical")
                .contains("<img src=\"http://127.0.0.1:8080/t/o.gif?l=abc&amp;m=welcome.1.abc&amp;s=sig\" width=\"1\" height=\"1\" alt=\"\">");
        assertThat(sent.text()).contains("Welcome, Ada!").doesNotContain("<img");
        assertThat(sent.sentAt()).isEqualTo(NOW);
    }

    @Test
    void send_whenDataHoldsMarkup_escapesItInHtmlOnly() {
        outbox.send(email("welcome", Map.of("name", "<script>alert(1)</script>", "company", "\"Quotes\" & 'Co'",
                "openPixelUrl", "\"><script>x</script>")));

        SentEmail sent = outbox.newestFirst().getFirst();
        assertThat(sent.html()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;Quotes&quot; &amp; &#39;Co&#39;",
                        "src=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
        assertThat(sent.text()).contains("<script>alert(1)</script>");
    }

    @Test
    void send_whenNameMissing_usesTheFallbackAndKeepsTheSubjectOnOneLine() {
        outbox.send(email("welcome", Map.of("openPixelUrl", PIXEL)));
        outbox.send(email("welcome-2", Map.of("name", "Ada\r\nBcc: x@example.com", "openPixelUrl", PIXEL)));

        assertThat(outbox.find(1)).hasValueSatisfying(e -> assertThat(e.subject()).isEqualTo("Welcome, there: your product tour"));
        assertThat(outbox.find(2)).hasValueSatisfying(e -> {
            assertThat(e.subject()).doesNotContain("\r", "\n").startsWith("Ada Bcc: x@example.com,");
            assertThat(e.html()).contains("<img src=\"" + PIXEL.replace("&", "&amp;") + "\"");
        });
    }

    @Test
    void send_whenTemplateUnknown_storesItRenderedAsItsEscapedJsonData() {
        String providerId = outbox.send(email("price-drop", Map.of("sku", "<b>42</b>")));

        SentEmail sent = outbox.newestFirst().getFirst();
        assertThat(providerId).isEqualTo("outbox-1");
        assertThat(sent.template()).isEqualTo("price-drop");
        assertThat(sent.subject()).isEqualTo("[price-drop]");
        assertThat(sent.text()).isEqualTo("{\"sku\":\"<b>42</b>\"}");
        assertThat(sent.html()).contains("{&quot;sku&quot;:&quot;&lt;b&gt;42&lt;/b&gt;&quot;}").doesNotContain("<b>42");
    }

    @Test
    void newestFirst_whenSeveralSent_listsTheLatestFirstWithIncreasingIds() {
        outbox.send(email("welcome", Map.of()));
        outbox.send(email("welcome-2", Map.of()));

        assertThat(outbox.newestFirst()).extracting(SentEmail::providerId).containsExactly("outbox-2", "outbox-1");
        assertThat(outbox.find(3)).isEmpty();
        assertThat(outbox.find(0)).isEmpty();
    }

    private static OutgoingEmail email(String template, Map<String, String> data) {
        return new OutgoingEmail(template + ".1.abc", EmailAddress.parse("ada@example.com").orElseThrow(), template, data);
    }
}
