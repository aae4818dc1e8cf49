package dev.lem.notify.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lem.notify.OutgoingWebhook;
import dev.lem.notify.SendFailedException;
import dev.lem.notify.WebhookSigner;
import dev.lem.notify.WebhookTargets;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook deliveries on the wire, against a WireMock receiver on 127.0.0.1. */
class HttpWebhookSenderIT {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final byte[] SECRET = "webhook-secret-for-tests-only-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final String BODY = "{\"id\":\"crm.1.x\",\"lead\":{\"id\":\"x\"}}";

    private WireMockServer receiver;
    private final List<Integer> pauses = new ArrayList<>();

    @BeforeEach
    void start() {
        receiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    /** The receiver listens on loopback, which the real rule refuses: this resolver vouches for it as public. */
    private HttpWebhookSender sender(boolean vouchForLoopback) {
        WebhookTargets targets = new WebhookTargets(Map.of(), vouchForLoopback
                ? host -> List.of(InetAddress.getByName("93.184.216.34")) : WebhookTargets.DNS);
        return new HttpWebhookSender(HttpWebhookSender.client(), targets, new WebhookSigner(SECRET), pauses::add,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private OutgoingWebhook webhook() {
        return new OutgoingWebhook("crm.1.x", "crm", URI.create(receiver.baseUrl() + "/hook"), BODY);
    }

    @Test
    void send_whenReceiverAccepts_postsTheBodySignedWithTimestampAndMessageId() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));

        assertThat(sender(true).send(webhook())).isEqualTo("http-204");

        LoggedRequest request = receiver.getAllServeEvents().getFirst().getRequest();
        assertThat(request.getBodyAsString()).isEqualTo(BODY);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("X-Lem-Message-Id")).isEqualTo("crm.1.x");
        assertThat(request.getHeader("X-Lem-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((NOW.getEpochSecond() + "." + BODY).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("X-Lem-Signature")).isEqualTo("t=" + NOW.getEpochSecond() + ",v1=" + expected);
    }

    @Test
    void send_whenReceiverFailsOnceWith503_retriesAfterABackoffAndSucceeds() {
        receiver.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));

        assertThat(sender(true).send(webhook())).isEqualTo("http-200");
        assertThat(receiver.getAllServeEvents()).hasSize(2);
        assertThat(pauses).containsExactly(1);
    }

    @Test
    void send_whenReceiverKeepsFailing_givesUpAfterThreeAttemptsRetryablySoSqsRedeliversAndDeadLetters() {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> sender(true).send(webhook())).isInstanceOfSatisfying(SendFailedException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("webhook-failed-500");
        });
        assertThat(receiver.getAllServeEvents()).hasSize(3);
        assertThat(pauses).containsExactly(1, 2);
    }

    @Test
    void send_whenReceiverAnswers400_refusesWithoutRetrying() {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(400)));

        assertThatThrownBy(() -> sender(true).send(webhook())).isInstanceOfSatisfying(SendFailedException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(receiver.getAllServeEvents()).hasSize(1);
    }

    @Test
    void send_whenReceiverRedirects_neverFollowsTheRedirect() {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

        assertThatThrownBy(() -> sender(true).send(webhook())).isInstanceOfSatisfying(SendFailedException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("webhook-refused-307");
        });
        assertThat(receiver.getAllServeEvents()).hasSize(1);
    }

    @Test
    void send_whenTargetIsLoopbackForReal_refusesWithoutConnecting() {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> sender(false).send(webhook())).isInstanceOfSatisfying(SendFailedException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("webhook-target-refused");
        });
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    @Test
    void send_whenNothingListens_failsRetryably() {
        int port = receiver.port();
        receiver.stop();

        assertThatThrownBy(() -> sender(true).send(new OutgoingWebhook("m", "crm", URI.create("http://127.0.0.1:" + port + "/hook"),
                BODY))).isInstanceOfSatisfying(SendFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("webhook-unreachable");
                });
    }
}
