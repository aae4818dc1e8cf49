package dev.lem.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.LeadId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingLinksTest {

    private static final LinkSigner SIGNER = new LinkSigner("tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private final TrackingLinks links = new TrackingLinks(SIGNER, URI.create("https://t.lem.example/"));

    @Test
    void clickUrl_whenTargetHasAQuery_encodesItWholeAndSignsTheDecodedTarget() {
        String url = links.clickUrl(LEAD, "m-1", "https://www.example.com/p?x=1&y=2#top");

        assertThat(url).isEqualTo("https://t.lem.example/t/c?u=https%3A%2F%2Fwww.example.com%2Fp%3Fx%3D1%26y%3D2%23top"
                + "&l=" + LEAD.value() + "&m=m-1&s=" + SIGNER.sign(TrackingLinks.CLICK, "https://www.example.com/p?x=1&y=2#top",
                LEAD.value(), "m-1"));
    }

    @Test
    void surveyAnswerUrls_whenTheMessageAsksASurvey_signsOneLinkPerAnswerFromZeroToTen() {
        var urls = links.surveyAnswerUrls(LEAD, "j.2." + LEAD.value(), "j.nps");

        assertThat(urls).hasSize(11).containsOnlyKeys(java.util.stream.IntStream.rangeClosed(0, 10)
                .mapToObj(i -> "answerUrl" + i).toList());
        assertThat(urls.get("answerUrl7")).isEqualTo("https://t.lem.example/t/s?q=j.nps&a=7&l=" + LEAD.value()
                + "&m=j.2." + LEAD.value() + "&s=" + SIGNER.sign(TrackingLinks.SURVEY, "j.nps", "7", LEAD.value(),
                "j.2." + LEAD.value()));
        assertThat(urls.values()).doesNotHaveDuplicates();
    }

    @Test
    void surveyAnswerUrls_whenTheMessageAsksNothing_isEmpty() {
        assertThat(links.surveyAnswerUrls(LEAD, "m-1", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com", "http://www.example.com:8080/p?q=1#f", "HTTPS://WWW.EXAMPLE.COM/"})
    void isRedirectable_whenAbsoluteHttpUrl_isTrue(String target) {
        assertThat(TrackingLinks.isRedirectable(target)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "javascript:alert(1)", "data:text/html,x", "ftp://example.com/", "//example.com/",
            "/path", "https://", "https://user:pw@example.com/", "https://example.com/\nx", "https://example.com/a b", "https://a.example\\@b.example/",
            "mailto:a@example.com", "https:example.com"})
    void isRedirectable_whenNotAnAbsoluteHttpUrlWithAHost_isFalse(String target) {
        assertThat(TrackingLinks.isRedirectable(target)).isFalse();
    }

    @Test
    void isRedirectable_whenLongerThan2048Characters_isFalse() {
        assertThat(TrackingLinks.isRedirectable("https://example.com/" + "p".repeat(2029))).isFalse();
        assertThat(TrackingLinks.isRedirectable("https://example.com/" + "p".repeat(2028))).isTrue();
    }
}
