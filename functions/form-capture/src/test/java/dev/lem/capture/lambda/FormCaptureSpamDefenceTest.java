package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.capture.CaptchaUnavailableException;
import dev.lem.capture.CaptchaVerifier;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Honeypot, form tokens, rate limit, CAPTCHA hook, CORS and the HTML error round trip, through the handler. */
class FormCaptureSpamDefenceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String SITE = "https://www.example.com";
    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final FormTokens TOKENS = new FormTokens(
            "form-token-key-for-tests-only-32-bytes".getBytes(StandardCharsets.UTF_8), new SecureRandom());

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue activities = new RecordingQueue();
    private final InMemoryCaptureIdempotencyStore idempotencyStore = new InMemoryCaptureIdempotencyStore();
    private final InMemorySpamDefenceStore spamStore = new InMemorySpamDefenceStore();
    private final AtomicReference<CaptchaVerifier> captcha = new AtomicReference<>();

    private FormCaptureHandler handler(Optional<CaptchaVerifier> verifier) {
        IdentityHasher hasher = new IdentityHasher(IDENTITY_KEY);
        return new FormCaptureHandler(new FormCaptureService(forms, leads, hasher, bus, activities,
                new SpamDefence(TOKENS, spamStore, hasher, verifier), idempotencyStore), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final FormCaptureHandler handler = handler(Optional.empty());

    @BeforeEach
    void seedForm() {
        forms.save(FormDefinition.demo(SITE + "/thanks", List.of(SITE)));
    }

    @Test
    void handleRequest_whenHoneypotFilledInHtmlPost_redirectsLikeASuccessButWritesNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(formPost(
                "email=bot%40example.com&lem_hp=http%3A%2F%2Fspam&lem_token=" + token(10)), null);

        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", SITE + "/thanks");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenHoneypotFilledInJson_answers201WithADecoyIdThatIsStoredNowhere() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"email\":\"bot@example.com\",\"lem_hp\":\"x\"}",
                Map.of()), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(Json.tree(response.getBody()).get("leadId").asText()).matches("[0-9a-f-]{36}");
        assertNothingWritten();
        assertThat(spamStore.calls()).isEmpty();
    }

    @Test
    void handleRequest_whenTokenMissing_answers400AndWritesNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(formPost("email=ada%40example.com"), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("form token missing");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenFormDoesNotRequireTokens_capturesWithoutOne() {
        forms.save(FormDefinition.demo(SITE + "/thanks", List.of(SITE)).withSpamDefence(false, 10, 3));

        assertThat(handler.handleRequest(formPost("email=ada%40example.com"), null).getStatusCode()).isEqualTo(303);
        assertThat(leads.all()).hasSize(1);
    }

    @Test
    void handleRequest_whenTokenSignedWithAnotherKey_answers400() {
        FormTokens forger = new FormTokens(new byte[32], new SecureRandom());

        APIGatewayV2HTTPResponse response = handler.handleRequest(formPost("email=ada%40example.com&lem_token="
                + forger.issue("demo", NOW.minusSeconds(10))), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("form token invalid");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenTokenWasIssuedForAnotherForm_answers400() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(formPost("email=ada%40example.com&lem_token="
                + TOKENS.issue("other", NOW.minusSeconds(10))), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenTokenTampered_answers400() {
        String token = token(10);
        String tampered = token.replaceFirst("v1\\.\\d+", "v1." + NOW.minusSeconds(60).getEpochSecond());

        assertThat(handler.handleRequest(formPost("email=ada%40example.com&lem_token=" + tampered), null).getStatusCode())
                .isEqualTo(400);
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenTokenOlderThanTwoHours_answers400Expired() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(formPost("email=ada%40example.com&lem_token="
                + token(Duration.ofHours(2).plusSeconds(1).toSeconds())), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("expired");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenTokenIssuedInTheFuture_answers400() {
        assertThat(handler.handleRequest(formPost("email=ada%40example.com&lem_token=" + token(-120)), null)
                .getStatusCode()).isEqualTo(400);
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenSubmittedWithinThreeSecondsOfTheToken_answers422OnTheTokenField() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"email\":\"ada@example.com\"}",
                Map.of("X-Lem-Token", token(2))), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(Json.tree(response.getBody()).at("/fields/lem_token").asText())
                .isEqualTo("submitted too quickly, please try again");
        assertNothingWritten();
        assertThat(spamStore.claimedNonces()).isEmpty();
    }

    @Test
    void handleRequest_whenAHumanTakesExactlyThreeSeconds_captures() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"email\":\"ada@example.com\"}",
                Map.of("X-Lem-Token", token(3))), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(leads.all()).hasSize(1);
    }

    @Test
    void handleRequest_whenMinimumFillTimeConfiguredToZero_acceptsAnImmediatePost() {
        forms.save(FormDefinition.demo(SITE + "/thanks", List.of(SITE)).withSpamDefence(true, 10, 0));

        assertThat(handler.handleRequest(json("{\"email\":\"ada@example.com\"}", Map.of("X-Lem-Token", token(0))), null)
                .getStatusCode()).isEqualTo(201);
    }

    @Test
    void handleRequest_whenTokenReplayed_answers409AndKeepsTheFirstCaptureOnly() {
        String token = token(10);
        handler.handleRequest(formPost("email=ada%40example.com&lem_token=" + token), null);

        APIGatewayV2HTTPResponse replay = handler.handleRequest(formPost("email=eve%40example.com&lem_token=" + token), null);

        assertThat(replay.getStatusCode()).isEqualTo(409);
        assertThat(leads.all()).singleElement().satisfies(l -> assertThat(l.email().value()).isEqualTo("ada@example.com"));
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenFieldsInvalid_doesNotUseUpTheToken() {
        String token = token(10);
        handler.handleRequest(json("{\"email\":\"nope\"}", Map.of("X-Lem-Token", token)), null);

        APIGatewayV2HTTPResponse fixed = handler.handleRequest(json("{\"email\":\"ada@example.com\"}",
                Map.of("X-Lem-Token", token)), null);

        assertThat(fixed.getStatusCode()).isEqualTo(201);
    }

    @Test
    void handleRequest_whenMoreThanTheLimitPerMinuteFromOneIp_answers429WithRetryAfterToTheNextMinute() {
        for (int i = 0; i < 10; i++) {
            assertThat(handler.handleRequest(json("{\"email\":\"ada" + i + "@example.com\"}",
                    Map.of("X-Lem-Token", token(10))), null).getStatusCode()).isEqualTo(201);
        }

        APIGatewayV2HTTPResponse eleventh = handler.handleRequest(json("{\"email\":\"eve@example.com\"}",
                Map.of("X-Lem-Token", token(10))), null);

        assertThat(eleventh.getStatusCode()).isEqualTo(429);
        assertThat(eleventh.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(leads.all()).hasSize(10);
        APIGatewayV2HTTPEvent otherIp = json("{\"email\":\"eve@example.com\"}", Map.of("X-Lem-Token", token(10)));
        otherIp.getRequestContext().getHttp().setSourceIp("198.51.100.9");
        assertThat(handler.handleRequest(otherIp, null).getStatusCode()).isEqualTo(201);
    }

    @Test
    void handleRequest_whenRateLimited_keepsOnlyTheHashedIp() {
        handler.handleRequest(json("{\"email\":\"ada@example.com\"}", Map.of("X-Lem-Token", token(10))), null);

        String ipHash = new IdentityHasher(IDENTITY_KEY).hashIp("203.0.113.7");
        assertThat(spamStore.calls()).anySatisfy(c -> assertThat(c).contains(ipHash))
                .noneSatisfy(c -> assertThat(c).contains("203.0.113.7"));
    }

    @Test
    void handleRequest_whenFormAllowsFewerSubmissions_appliesItsOwnLimit() {
        forms.save(FormDefinition.demo(SITE + "/thanks", List.of(SITE)).withSpamDefence(true, 1, 3));
        handler.handleRequest(json("{\"email\":\"ada@example.com\"}", Map.of("X-Lem-Token", token(10))), null);

        assertThat(handler.handleRequest(json("{\"email\":\"bob@example.com\"}", Map.of("X-Lem-Token", token(10))), null)
                .getStatusCode()).isEqualTo(429);
    }

    @Test
    void handleRequest_whenCaptchaFails_answers400AndWritesNothing() {
        List<String> asked = new java.util.ArrayList<>();
        FormCaptureHandler withCaptcha = handler(Optional.of((response, ip) -> {
            asked.add(response + "@" + ip.orElse("-"));
            return false;
        }));

        APIGatewayV2HTTPResponse response = withCaptcha.handleRequest(json(
                "{\"email\":\"ada@example.com\",\"cf-turnstile-response\":\"widget-answer\"}",
                Map.of("X-Lem-Token", token(10))), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("captcha");
        assertThat(asked).containsExactly("widget-answer@203.0.113.7");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenCaptchaPasses_captures() {
        FormCaptureHandler withCaptcha = handler(Optional.of((response, ip) -> response.equals("widget-answer")));

        assertThat(withCaptcha.handleRequest(json("{\"email\":\"ada@example.com\",\"cf-turnstile-response\":\"widget-answer\"}",
                Map.of("X-Lem-Token", token(10))), null).getStatusCode()).isEqualTo(201);
    }

    @Test
    void handleRequest_whenCaptchaProviderUnreachable_answers503() {
        FormCaptureHandler withCaptcha = handler(Optional.of((response, ip) -> {
            throw new CaptchaUnavailableException("turnstile unreachable", null);
        }));

        APIGatewayV2HTTPResponse response = withCaptcha.handleRequest(json(
                "{\"email\":\"ada@example.com\",\"cf-turnstile-response\":\"w\"}", Map.of("X-Lem-Token", token(10))), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenTokenRequested_answersASignedTokenForThatForm() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/f/demo/token", Map.of("origin", SITE), null), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store")
                .containsEntry("Access-Control-Allow-Origin", SITE).containsEntry("Vary", "Origin");
        String token = Json.tree(response.getBody()).get("token").asText();
        assertThat(TOKENS.verify("demo", token)).hasValueSatisfying(v -> assertThat(v.issuedAt()).isEqualTo(NOW));
        assertThat(TOKENS.verify("other", token)).isEmpty();
    }

    @Test
    void handleRequest_whenGetIsNotForTheTokenRoute_answers405WithoutIssuingAToken() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/f/demo", Map.of(), null), null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getBody()).doesNotContain("token");
    }

    @Test
    void handleRequest_whenConfirmLinkInvalid_answers400HtmlAndWritesNothing() {
        APIGatewayV2HTTPEvent event = request("GET", "/f/demo/confirm", Map.of(), null);
        event.setQueryStringParameters(Map.of("l", "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", "t", "9999999999", "s", "forged"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenTokenRequestedForUnknownForm_answers404() {
        APIGatewayV2HTTPEvent event = request("GET", "/f/nope/token", Map.of(), null);
        event.setPathParameters(Map.of("formId", "nope"));

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void handleRequest_whenTokenRequestedFromAnotherOrigin_answersWithoutCorsHeaders() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/f/demo/token",
                Map.of("origin", "https://evil.example"), null), null);

        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void handleRequest_whenPreflightFromAllowedOrigin_answers204WithMethodsAndHeaders() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("OPTIONS", "/f/demo", Map.of("origin", SITE), null), null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", SITE)
                .containsEntry("Access-Control-Allow-Methods", "POST")
                .containsEntry("Access-Control-Allow-Headers", "Content-Type, X-Lem-Token, Idempotency-Key")
                .containsEntry("Vary", "Origin");
    }

    @Test
    void handleRequest_whenPreflightFromAnotherOrigin_answersWithoutCorsHeaders() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("OPTIONS", "/f/demo",
                Map.of("origin", "https://www.example.com.evil.example"), null), null);

        assertThat(response.getHeaders()).doesNotContainKeys("Access-Control-Allow-Origin", "Access-Control-Allow-Methods");
    }

    @Test
    void handleRequest_whenJsonPostedFromAllowedOrigin_echoesExactlyThatOrigin() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"email\":\"ada@example.com\"}",
                Map.of("X-Lem-Token", token(10), "Origin", SITE)), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", SITE).containsEntry("Vary", "Origin");
    }

    @Test
    void handleRequest_whenJsonRejectedForAllowedOrigin_stillCarriesCorsSoThePageCanReadTheErrors() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"email\":\"nope\"}",
                Map.of("X-Lem-Token", token(10), "Origin", SITE)), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", SITE);
    }

    @Test
    void handleRequest_whenJsonPostedFromDisallowedOrigin_answers403WithoutCorsAndWritesNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"email\":\"ada@example.com\"}",
                Map.of("X-Lem-Token", token(10), "Origin", "https://evil.example")), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenHtmlPostInvalidAndRefererOnAnAllowedOrigin_redirectsBackWithTheFieldNames() {
        APIGatewayV2HTTPEvent event = formPost("email=nope&name=" + "x".repeat(300) + "&lem_token=" + token(10));
        event.getHeaders().put("referer", SITE + "/pricing?plan=pro&lem_errors=old#signup");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", SITE + "/pricing?plan=pro&lem_errors=email,name#signup");
        assertNothingWritten();
    }

    @Test
    void handleRequest_whenHtmlPostInvalidAndRefererElsewhere_answersTheHtmlErrorPage() {
        APIGatewayV2HTTPEvent event = formPost("email=nope&lem_token=" + token(10));
        event.getHeaders().put("referer", "https://evil.example/phish");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).doesNotContainKey("Location")
                .containsEntry("Content-Type", "text/html; charset=utf-8");
    }

    @Test
    void handleRequest_whenHtmlPostTooFastWithReferer_redirectsBackNamingTheTokenField() {
        APIGatewayV2HTTPEvent event = formPost("email=ada%40example.com&lem_token=" + token(1));
        event.getHeaders().put("referer", SITE + "/");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getHeaders()).containsEntry("Location", SITE + "/?lem_errors=lem_token");
    }

    private void assertNothingWritten() {
        assertThat(leads.writes()).isEmpty();
        assertThat(bus.published()).isEmpty();
        assertThat(activities.bodies()).isEmpty();
    }

    private static String token(long secondsAgo) {
        return URLEncoder.encode(TOKENS.issue("demo", NOW.minusSeconds(secondsAgo)), StandardCharsets.UTF_8);
    }

    private static APIGatewayV2HTTPEvent formPost(String body) {
        return request("POST", "/f/demo", Map.of("content-type", "application/x-www-form-urlencoded"), body);
    }

    private static APIGatewayV2HTTPEvent json(String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("content-type", "application/json");
        return request("POST", "/f/demo", all, body);
    }

    static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withHeaders(new HashMap<>(headers))
                .withPathParameters(Map.of("formId", "demo"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-" + System.nanoTime())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withSourceIp("203.0.113.7").build()).build())
                .withBody(body).withIsBase64Encoded(false).build();
    }
}
