package dev.lem.capture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The siteverify request on the wire, and the provider's answers and failures. */
class TurnstileCaptchaVerifierTest {

    private static final String PATH = "/turnstile/v0/siteverify";
    private WireMockServer server;
    private TurnstileCaptchaVerifier verifier;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        verifier = new TurnstileCaptchaVerifier(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.port() + PATH), "s3cr&t");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void answer(int status, String body) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void verify_whenSolved_postsSecretResponseAndIpFormEncodedAndReturnsTrue() {
        answer(200, "{\"success\":true,\"error-codes\":[]}");

        assertThat(verifier.verify("widget answer", Optional.of("203.0.113.7"))).isTrue();

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(r.getBodyAsString()).isEqualTo("secret=s3cr%26t&response=widget+answer&remoteip=203.0.113.7");
        });
    }

    @Test
    void verify_whenProviderSaysNo_returnsFalse() {
        answer(200, "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");

        assertThat(verifier.verify("forged", Optional.empty())).isFalse();
    }

    @Test
    void verify_whenResponseEmpty_returnsFalseWithoutAsking() {
        assertThat(verifier.verify("", Optional.empty())).isFalse();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void verify_whenProviderFails_throwsUnavailable() {
        answer(502, "bad gateway");

        assertThatThrownBy(() -> verifier.verify("w", Optional.empty())).isInstanceOf(CaptchaUnavailableException.class)
                .hasMessageContaining("502");
    }

    @Test
    void verify_whenReplyIsNotJson_throwsUnavailable() {
        answer(200, "<html>");

        assertThatThrownBy(() -> verifier.verify("w", Optional.empty())).isInstanceOf(CaptchaUnavailableException.class);
    }

    @Test
    void verify_whenProviderUnreachable_throwsUnavailable() {
        server.stop();

        assertThatThrownBy(() -> verifier.verify("w", Optional.empty())).isInstanceOf(CaptchaUnavailableException.class);
    }
}
