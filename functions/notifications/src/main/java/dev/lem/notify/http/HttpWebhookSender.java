package dev.lem.notify.http;

import dev.lem.notify.OutgoingWebhook;
import dev.lem.notify.SendFailedException;
import dev.lem.notify.WebhookSender;
import dev.lem.notify.WebhookSigner;
import dev.lem.notify.WebhookTargets;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * POSTs a signed webhook with the JDK's HTTP client (no redirects followed: a 3xx is a refusal, so a target cannot
 * bounce the call to an internal address). The target is checked before every attempt ({@link WebhookTargets#check}).
 * A timeout, a network fault, 408, 429 or 5xx is tried again after a backoff ({@value #ATTEMPTS} attempts); if it
 * still fails, the failure is retryable: SQS delivers the message again later and, after the queue's receive limit,
 * moves it to the notify dead-letter queue. Any other answer is a refusal, not retried.
 */
public final class HttpWebhookSender implements WebhookSender {

    static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Waits between attempts (a real sleep in production). */
    @FunctionalInterface
    public interface Backoff {
        void pause(int attempt) throws InterruptedException;

        /** 250 ms, then 1 s (×4 per attempt). */
        Backoff EXPONENTIAL = attempt -> Thread.sleep(250L << (2 * (attempt - 1)));
    }

    private final HttpClient http;
    private final WebhookTargets targets;
    private final WebhookSigner signer;
    private final Backoff backoff;
    private final Clock clock;

    public HttpWebhookSender(HttpClient http, WebhookTargets targets, WebhookSigner signer, Backoff backoff, Clock clock) {
        this.http = http;
        this.targets = targets;
        this.signer = signer;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** A client that never follows redirects and gives up connecting after 5 s. */
    public static HttpClient client() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    }

    @Override
    public String send(OutgoingWebhook webhook) {
        SendFailedException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(attempt - 1);
            }
            targets.check(webhook.target());
            Instant now = clock.instant();
            HttpRequest request = HttpRequest.newBuilder(webhook.target()).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "LEM-Webhooks/1")
                    .header("X-Lem-Message-Id", webhook.messageId())
                    .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()))
                    .header(WebhookSigner.SIGNATURE_HEADER, signer.signature(now, webhook.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8))
                    .build();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                last = new SendFailedException("webhook-unreachable", true, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendFailedException("webhook-interrupted", true, e);
            }
            if (status >= 200 && status < 300) {
                return "http-" + status;
            }
            if (status == 408 || status == 429 || status >= 500) {
                last = new SendFailedException("webhook-failed-" + status, true, null);
                continue;
            }
            throw new SendFailedException("webhook-refused-" + status, false, null);
        }
        throw last;
    }

    private void pause(int attempt) {
        try {
            backoff.pause(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailedException("webhook-interrupted", true, e);
        }
    }
}
