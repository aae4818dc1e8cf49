package dev.lem.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.messaging.EmailTemplateCatalog.EmailTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTemplateCatalogTest {

    private static final String OPEN_PIXEL = "<img src=\"{{openPixelUrl}}\" width=\"1\" height=\"1\" alt=\"\">";

    private final EmailTemplateCatalog catalog = EmailTemplateCatalog.load();

    @Test
    void load_whenEveryTemplateFileParses_listsTheNamesWithSubjectHtmlAndText() {
        assertThat(catalog.names()).containsExactly("welcome", "welcome-2", "confirm", "nps");
        assertThat(catalog.all()).allSatisfy(t -> {
            assertThat(t.subject()).as("subject of %s", t.name()).isNotBlank().doesNotContain("\n", "\r");
            assertThat(t.html()).as("html of %s", t.name()).startsWith("<!doctype html>").contains("</html>");
            assertThat(t.text()).as("text of %s", t.name()).isNotBlank().doesNotContain("<");
        });
    }

    @Test
    void names_whenCompared_areExactlyTheFilesInTheTemplateFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", EmailTemplateCatalog.FOLDER))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(EmailTemplateCatalog.NAMES.stream().map(n -> n + ".json").toList());
        }
    }

    @Test
    void placeholders_whenUsedByAnyTemplate_areAmongTheDocumentedSet() {
        assertThat(catalog.all()).allSatisfy(t -> assertThat(t.placeholders()).as("placeholders of %s", t.name())
                .isSubsetOf(EmailTemplateCatalog.PLACEHOLDERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"welcome", "welcome-2", "nps"})
    void marketingTemplate_whenRenderedAsHtml_carriesTheOpenPixel(String name) {
        assertThat(catalog.find(name).orElseThrow().html()).contains(OPEN_PIXEL);
    }

    @Test
    void confirm_whenLoaded_asksForConfirmationWithTheLinkAndIsNotTracked() {
        EmailTemplate confirm = catalog.find("confirm").orElseThrow();

        assertThat(confirm.subject()).isEqualTo("Please confirm your subscription");
        assertThat(confirm.html()).contains("href=\"{{confirmUrl}}\"").doesNotContain("openPixelUrl", "Tracked");
        assertThat(confirm.text()).contains("{{confirmUrl}}");
        assertThat(confirm.placeholders()).contains("confirmUrl").doesNotContain("openPixelUrl");
    }

    @Test
    void nps_whenLoaded_asksTheQuestionWithOneAnswerLinkPerPointOfTheScale() {
        EmailTemplate nps = catalog.find("nps").orElseThrow();

        for (int answer = 0; answer <= 10; answer++) {
            assertThat(nps.html()).contains("href=\"{{answerUrl" + answer + "}}\"");
            assertThat(nps.text()).contains("{{answerUrl" + answer + "}}");
        }
        assertThat(nps.html()).contains("{{question}}", "{{unsubscribeUrl}}");
    }

    @Test
    void find_whenUnknown_isEmpty() {
        assertThat(catalog.find("price-drop")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Hi {{name|there}}",                       // lem's old fallback syntax: SES cannot render it
            "Hi {{{name}}}",                           // triple braces
            "Hi {{#if name}}{{name}}",                 // unclosed
            "Hi {{name}}{{/if}}",                      // unmatched
            "Hi {{else}}",                             // else outside if
            "Hi {{#if name}}a{{else}}b{{else}}c{{/if}}",
            "Hi {{#each items}}{{this}}{{/each}}"})
    void parse_whenAPartUsesUnsupportedSyntax_failsNamingTheTemplate(String subject) {
        String json = "{\"subject\": \"" + subject.replace("\"", "\\\"") + "\", \"html\": \"<p>x</p>\", \"text\": \"x\"}";

        assertThatThrownBy(() -> EmailTemplateCatalog.parse("broken", json))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'broken'");
    }

    @Test
    void parse_whenAPartIsMissing_failsNamingIt() {
        assertThatThrownBy(() -> EmailTemplateCatalog.parse("half", "{\"subject\": \"s\", \"html\": \"<p>x</p>\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'half' has no text");
    }

    @Test
    void placeholders_whenNested_includeTheConditionsVariables() {
        EmailTemplate t = EmailTemplateCatalog.parse("t",
                "{\"subject\": \"{{#if name}}{{name}}{{else}}{{#if company}}{{company}}{{/if}}{{/if}}\", \"html\": \"h\", \"text\": \"t\"}");

        assertThat(t.placeholders()).containsExactly("company", "name");
    }
}
