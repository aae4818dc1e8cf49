package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.local.outbox.EmailTemplates;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbox renders the double opt-in email from the shared catalog, untracked. */
class LemUpConfirmEmailRenderingTest {

    private static final String LINK = "http://127.0.0.1:8080/f/demo/confirm?l=abc&t=1795000000&s=sig";

    private final EmailTemplates templates = EmailTemplates.builtIn();

    @Test
    void render_whenConfirm_linksTheConfirmUrlWithoutAnOpenPixel() {
        EmailTemplates.Rendered email = templates.render("confirm", Map.of("name", "Ada", "confirmUrl", LINK,
                "openPixelUrl", "http://127.0.0.1:8080/t/o.gif?l=abc"));

        assertThat(email.subject()).isEqualTo("Please confirm your subscription");
        assertThat(email.html()).contains("Hello Ada,", "href=\"" + LINK.replace("&", "&amp;") + "\"")
                .doesNotContain("o.gif", "{{");
        assertThat(email.text()).contains(LINK).doesNotContain("{{");
    }

    @Test
    void render_whenNameEmpty_takesTheElseBranchOnly() {
        EmailTemplates.Rendered email = templates.render("welcome-2", Map.of("name", " ", "company", "Analytical"));

        assertThat(email.subject()).isEqualTo("Hello, three things teams do first with LEM");
        assertThat(email.text()).contains("Still curious, there?", "teams like Analytical set up")
                .doesNotContain("{{", "yours");
    }
}
