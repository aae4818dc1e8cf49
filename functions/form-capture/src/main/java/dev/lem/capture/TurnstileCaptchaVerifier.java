package dev.lem.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Cloudflare Turnstile's siteverify: {@code POST secret, response[, remoteip]} form-encoded, JSON
 * {@code {"success": true|false}} back. Non-2xx, timeouts and unreadable replies are
 * {@link CaptchaUnavailableException}.
 */
public final class TurnstileCaptchaVerifier implements CaptchaVerifier {

    public static final URI SITEVERIFY = URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http;
    private final URI endpoint;
    private final String secret;

    public TurnstileCaptchaVerifier(HttpClient http, URI endpoint, String secret) {
        this.http = http;
        this.endpoint = endpoint;
        this.secret = secret;
    }

    public static TurnstileCaptchaVerifier create(String secret) {
        return new TurnstileCaptchaVerifier(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), SITEVERIFY, secret);
    }

    @Override
    public boolean verify(String response, Optional<String> remoteIp) {
        if (response == null || response.isBlank() || response.length() > 2048) {
            return false;
        }
        StringBuilder form = new StringBuilder("secret=").append(encode(secret)).append("&response=").append(encode(response));
        remoteIp.ifPresent(ip -> form.append("&remoteip=").append(encode(ip)));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<String> reply;
        try {
            reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CaptchaUnavailableException("turnstile unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptchaUnavailableException("interrupted asking turnstile", e);
        }
        if (reply.statusCode() / 100 != 2) {
            throw new CaptchaUnavailableException("turnstile answered " + reply.statusCode(), null);
        }
        try {
            JsonNode json = Json.tree(reply.body());
            JsonNode success = json == null ? null : json.get("success");
            if (success == null || !success.isBoolean()) {
                throw new CaptchaUnavailableException("turnstile reply has no success flag", null);
            }
            return success.booleanValue();
        } catch (RuntimeException e) {
            if (e instanceof CaptchaUnavailableException) {
                throw e;
            }
            throw new CaptchaUnavailableException("turnstile reply is not JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
