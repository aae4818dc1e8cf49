package dev.lem.tracking.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.tracking.TrackingService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.tracking.SurveyAnswers;
import dev.lem.events.LeadActivity;
import dev.lem.bus.EventPublishException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingHandlerTest {

    private static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final LinkSigner SIGNER = new LinkSigner(TRACKING_KEY);
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final String MESSAGE = "welcome.1." + LEAD;
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String HUMAN = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
    private static final String SITE = "https://www.example.com";
    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";

    private final RecordingQueue activities = new RecordingQueue();
    private final TrackingHandler handler = new TrackingHandler(new TrackingService(SIGNER, activities), Set.of(SITE),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private final RecordingEventBus bus = new RecordingEventBus();
    private final TrackingHandler withSurveys = new TrackingHandler(new TrackingService(SIGNER, activities),
            new SurveyAnswers(SIGNER, activities, bus), Set.of(SITE), Clock.fixed(NOW, ZoneOffset.UTC));

    // ---- GET /t/s (confirmation page) and POST /t/s (the answer)

    private static APIGatewayV2HTTPEvent surveyHit(Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/s").withRawPath("/t/s")
                .withQueryStringParameters(query).withHeaders(Map.of("user-agent", HUMAN)).build();
    }

    private static APIGatewayV2HTTPEvent surveyPost(String body, String contentType) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /t/s").withRawPath("/t/s").withBody(body)
                .withHeaders(Map.of("user-agent", HUMAN, "content-type", contentType)).build();
    }

    private static APIGatewayV2HTTPEvent surveyPost(Map<String, String> fields) {
        return surveyPost(form(fields), "application/x-www-form-urlencoded");
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "="
                + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).toList());
    }

    private static Map<String, String> surveyQuery(String answer) {
        return Map.of("q", "j.nps", "a", answer, "l", LEAD, "m", MESSAGE,
                "s", SIGNER.sign(TrackingLinks.SURVEY, "j.nps", answer, LEAD, MESSAGE));
    }

    @Test
    void handleRequest_whenSurveyLinkFetched_showsAConfirmationFormWithoutScriptAndRecordsNothing() {
        APIGatewayV2HTTPResponse response = withSurveys.handleRequest(surveyHit(surveyQuery("8")), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        assertThat(response.getBody()).contains("Your answer: 8").contains("<form method=\"post\">")
                .contains("name=\"s\" value=\"" + surveyQuery("8").get("s") + "\"").doesNotContain("<script");
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handleRequest_whenTheConfirmationFormIsPosted_recordsAndPublishesTheAnswer() {
        APIGatewayV2HTTPResponse response = withSurveys.handleRequest(surveyPost(surveyQuery("8")), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("Thank you");
        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).type()).isEqualTo("survey.answered");
        assertThat(bus.published()).singleElement().satisfies(e ->
                assertThat(((LeadActivity) e).answer()).isEqualTo(8));
    }

    @Test
    void handleRequest_whenTheConfirmationPageIsPostedBack_theFieldsItCarriesRecordTheAnswer() {
        String page = withSurveys.handleRequest(surveyHit(surveyQuery("3")), null).getBody();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher input = java.util.regex.Pattern.compile("name=\"(\\w)\" value=\"([^\"]*)\"").matcher(page);
        while (input.find()) {
            fields.put(input.group(1), input.group(2));
        }

        assertThat(fields).containsOnlyKeys("q", "a", "l", "m", "s");
        assertThat(withSurveys.handleRequest(surveyPost(fields), null).getStatusCode()).isEqualTo(200);
        assertThat(bus.published()).singleElement().satisfies(e -> assertThat(((LeadActivity) e).answer()).isEqualTo(3));
    }

    @Test
    void handleRequest_whenSurveyAnswerForged_answers400AndRecordsNothing() {
        Map<String, String> forged = new java.util.HashMap<>(surveyQuery("8"));
        forged.put("a", "10");

        assertThat(withSurveys.handleRequest(surveyHit(forged), null).getStatusCode()).isEqualTo(400);
        assertThat(withSurveys.handleRequest(surveyPost(forged), null).getStatusCode()).isEqualTo(400);
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
        assertThat(withSurveys.handleRequest(surveyHit(Map.of()), null).getStatusCode()).isEqualTo(400);
        assertThat(withSurveys.handleRequest(surveyPost(Map.of()), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void handleRequest_whenThePostIsNotAForm_answersAPrecise4xxAndRecordsNothing() {
        assertThat(withSurveys.handleRequest(surveyPost(form(surveyQuery("8")), "application/json"), null).getStatusCode())
                .isEqualTo(415);
        assertThat(withSurveys.handleRequest(surveyPost("s=" + "x".repeat(5000), "application/x-www-form-urlencoded"), null)
                .getStatusCode()).isEqualTo(413);
        assertThat(withSurveys.handleRequest(surveyPost("q=%zz", "application/x-www-form-urlencoded"), null)
                .getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPEvent badBase64 = surveyPost("!!!", "application/x-www-form-urlencoded");
        badBase64.setIsBase64Encoded(true);
        assertThat(withSurveys.handleRequest(badBase64, null).getStatusCode()).isEqualTo(400);
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handleRequest_whenTheBusIsDown_answers503SoTheLeadCanSendItAgain() {
        bus.failNextCallWith(new EventPublishException("down", null));

        assertThat(withSurveys.handleRequest(surveyPost(surveyQuery("8")), null).getStatusCode()).isEqualTo(503);
        assertThat(withSurveys.handleRequest(surveyPost(surveyQuery("8")), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void handleRequest_whenTheQueueIsDown_answers503() {
        activities.failNextCallWith(new QueueUnavailableException("down", null));

        assertThat(withSurveys.handleRequest(surveyPost(surveyQuery("8")), null).getStatusCode()).isEqualTo(503);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handleRequest_whenSurveysAreNotWired_surveyRoutesAreNotFound() {
        assertThat(handler.handleRequest(surveyHit(surveyQuery("8")), null).getStatusCode()).isEqualTo(404);
        assertThat(handler.handleRequest(surveyPost(surveyQuery("8")), null).getStatusCode()).isEqualTo(404);
    }

    // ---- GET /t/o.gif

    @Test
    void handleRequest_whenPixelSigned_answers200WithATransparentGifNoCacheKeeps() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(validQuery(), HUMAN), null);

        assertIsTheNoCacheGif(response);
    }

    @Test
    void handleRequest_whenPixelSigned_queuesTheOpenAtTheClocksTime() {
        handler.handleRequest(pixelHit(validQuery(), HUMAN), null);

        Activity open = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(open.type()).isEqualTo("email.open");
        assertThat(open.leadId().value()).isEqualTo(LEAD);
        assertThat(open.occurredAt()).isEqualTo(NOW);
        assertThat(open.attributes()).containsEntry("messageId", MESSAGE);
    }

    @Test
    void handleRequest_whenPixelSignedAndNoVisitorCookie_setsTheVisitorCookie() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(validQuery(), HUMAN), null);

        assertThat(response.getCookies()).singleElement().asString()
                .matches("lem_vid=[A-Za-z0-9_-]{22}; Secure; SameSite=Lax; Path=/; Max-Age=63072000; HttpOnly");
    }

    @Test
    void handleRequest_whenPixelCarriesTheVisitorCookie_recordsItAndSetsNoNewCookie() {
        APIGatewayV2HTTPEvent hit = pixelHit(validQuery(), HUMAN);
        hit.setCookies(List.of("other=1", "lem_vid=" + VID));

        APIGatewayV2HTTPResponse response = handler.handleRequest(hit, null);

        assertThat(response.getCookies()).isNull();
        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).attributes()).containsEntry("visitorId", VID);
    }

    @Test
    void handleRequest_whenApplePrivacyProxyPrefetches_answersTheGifAndQueuesAnAutomatedOpen() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(validQuery(), "Mozilla/5.0"), null);

        assertIsTheNoCacheGif(response);
        assertThat(response.getCookies()).isNull();
        Activity open = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(open.type()).isEqualTo("email.open.automated");
        assertThat(open.attributes()).containsEntry("automated", "apple-mpp");
    }

    @Test
    void handleRequest_whenPixelSignatureForged_stillAnswers200WithTheGifButQueuesNothing() throws IOException {
        Map<String, String> query = validQuery();
        query.put("s", "AAAAAAAAAAAAAAAAAAAAAA");

        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(query, HUMAN), null);

        assertIsTheNoCacheGif(response);
        assertThat(response.getCookies()).isNull();
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenPixelHasNoQueryStringOrHeaders_stillAnswers200WithTheGifButQueuesNothing() throws IOException {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/o.gif").withRawPath("/t/o.gif").build();

        assertIsTheNoCacheGif(handler.handleRequest(event, null));
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenActivityQueueUnavailable_stillAnswers200WithTheGif() throws IOException {
        activities.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));

        assertIsTheNoCacheGif(handler.handleRequest(pixelHit(validQuery(), HUMAN), null));
    }

    // ---- GET /t/c

    @Test
    void handleRequest_whenClickSigned_redirects302ToTheTargetAndQueuesTheClick() {
        String target = "https://shop.example.com/offers?id=7";
        Map<String, String> query = queryOf(new TrackingLinks(SIGNER, URI.create("https://t.lem.example"))
                .clickUrl(new LeadId(LEAD), MESSAGE, target));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /t/c", query, Map.of("user-agent", HUMAN)), null);

        assertThat(response.getStatusCode()).isEqualTo(302);
        assertThat(response.getHeaders().get("Location")).startsWith(target + "&lem_lt=" + LEAD + ".");
        assertThat(response.getHeaders()).containsEntry("Referrer-Policy", "no-referrer");
        assertThat(response.getHeaders().get("Cache-Control")).contains("no-store");
        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).type()).isEqualTo("email.click");
    }

    @Test
    void handleRequest_whenClickTargetTampered_answers400WithoutLocationAndQueuesNothing() {
        Map<String, String> query = queryOf(new TrackingLinks(SIGNER, URI.create("https://t.lem.example"))
                .clickUrl(new LeadId(LEAD), MESSAGE, "https://shop.example.com/"));
        query.put("u", "https://evil.example.net/");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /t/c", query, Map.of("user-agent", HUMAN)), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).doesNotContainKey("Location");
        assertThat(response.getBody()).doesNotContain("evil");
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenClickUnsigned_answers400() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("GET /t/c", Map.of("u", "https://evil.example.net/"), Map.of()), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).doesNotContainKey("Location");
    }

    @Test
    void handleRequest_whenClickSignedButQueueUnavailable_stillRedirects() {
        activities.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));
        Map<String, String> query = queryOf(new TrackingLinks(SIGNER, URI.create("https://t.lem.example"))
                .clickUrl(new LeadId(LEAD), MESSAGE, "https://shop.example.com/"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /t/c", query, Map.of("user-agent", HUMAN)), null);

        assertThat(response.getStatusCode()).isEqualTo(302);
        assertThat(response.getHeaders().get("Location")).startsWith("https://shop.example.com/?lem_lt=");
    }

    // ---- POST /t/e and its preflight

    @Test
    void handleRequest_whenBeaconFromAnAllowedOrigin_answers204EchoingTheOriginAndSettingTheVisitorCookie() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(beacon(SITE, "text/plain;charset=UTF-8",
                "{\"type\":\"page.view\",\"url\":\"https://www.example.com/\",\"vid\":\"" + VID + "\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", SITE)
                .containsEntry("Access-Control-Allow-Credentials", "true").containsEntry("Vary", "Origin");
        assertThat(response.getCookies()).containsExactly(
                "lem_vid=" + VID + "; Secure; SameSite=Lax; Path=/; Max-Age=63072000; HttpOnly");
        assertThat(Json.tree(activities.bodies().getFirst()).get("visitorId").asText()).isEqualTo(VID);
    }

    @Test
    void handleRequest_whenBeaconCarriesTheSameVisitorCookie_setsNoCookie() {
        APIGatewayV2HTTPEvent event = beacon(SITE, "application/json",
                "{\"type\":\"page.view\",\"url\":\"https://www.example.com/\"}");
        event.setCookies(List.of("lem_vid=" + VID));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getCookies()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.net", "null", "https://www.example.com.evil.net", "http://www.example.com"})
    void handleRequest_whenBeaconFromAnOriginNotAllowed_answers403WithoutCorsAndQueuesNothing(String origin) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(beacon(origin, "text/plain",
                "{\"type\":\"page.view\",\"url\":\"https://www.example.com/\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenBeaconHasNoOrigin_answers403() {
        APIGatewayV2HTTPEvent event = event("POST /t/e", null, Map.of("content-type", "text/plain"));
        event.setBody("{\"type\":\"page.view\",\"url\":\"https://www.example.com/\"}");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(403);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenBeaconBodyOver4KiB_answers413WithCors() {
        String body = "{\"type\":\"page.view\",\"url\":\"https://www.example.com/\",\"title\":\"" + "x".repeat(4100) + "\"}";

        APIGatewayV2HTTPResponse response = handler.handleRequest(beacon(SITE, "text/plain", body), null);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", SITE);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenBeaconContentTypeIsAForm_answers415() {
        assertThat(handler.handleRequest(beacon(SITE, "application/x-www-form-urlencoded", "type=page.view"), null)
                .getStatusCode()).isEqualTo(415);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenBeaconIsNotJson_answers400NamingTheProblem() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(beacon(SITE, "text/plain", "{nope"), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo("body is not valid JSON\n");
    }

    @Test
    void handleRequest_whenBeaconFieldInvalid_answers422NamingTheField() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(beacon(SITE, "text/plain",
                "{\"type\":\"time-on-page\",\"url\":\"https://www.example.com/\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).isEqualTo("seconds is required for time-on-page\n");
    }

    @Test
    void handleRequest_whenBeaconBodyIsNotUtf8_answers400() {
        APIGatewayV2HTTPEvent event = beacon(SITE, "text/plain", Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xC3, '}'}));
        event.setIsBase64Encoded(true);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void handleRequest_whenBeaconAndQueueUnavailable_answers503() {
        activities.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));

        assertThat(handler.handleRequest(beacon(SITE, "text/plain",
                "{\"type\":\"page.view\",\"url\":\"https://www.example.com/\"}"), null).getStatusCode()).isEqualTo(503);
    }

    @Test
    void handleRequest_whenPreflightFromAnAllowedOrigin_answers204AllowingPost() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("OPTIONS /t/e", null,
                Map.of("origin", SITE, "access-control-request-method", "POST")), null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", SITE)
                .containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS")
                .containsEntry("Access-Control-Allow-Headers", "content-type");
    }

    @Test
    void handleRequest_whenPreflightFromAnotherOrigin_answers403WithoutCors() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("OPTIONS /t/e", null,
                Map.of("origin", "https://evil.example.net")), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    // ---- GET /t/lem.js and the rest

    @Test
    void handleRequest_whenLemJsRequested_servesTheScriptCachedWithAContentHashEtag() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /t/lem.js", null, Map.of()), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/javascript; charset=utf-8");
        assertThat(response.getHeaders().get("Cache-Control")).contains("public").contains("max-age=604800");
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(response.getBody().getBytes(StandardCharsets.UTF_8));
        assertThat(response.getHeaders().get("ETag"))
                .isEqualTo("\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + "\"");
        assertThat(response.getBody()).contains("navigator.sendBeacon").contains("visibilitychange")
                .contains("'page.view'").contains("'time-on-page'").contains("identify: function");
    }

    @Test
    void handleRequest_whenLemJsRevalidatedWithItsEtag_answers304WithoutBody() {
        String etag = handler.handleRequest(event("GET /t/lem.js", null, Map.of()), null).getHeaders().get("ETag");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET /t/lem.js", null, Map.of("if-none-match", etag)), null);

        assertThat(response.getStatusCode()).isEqualTo(304);
        assertThat(response.getBody()).isNull();
        assertThat(response.getHeaders()).containsEntry("ETag", etag);
    }

    @Test
    void handleRequest_whenRouteUnknown_answers404() {
        assertThat(handler.handleRequest(event("GET /t/x", null, Map.of()), null).getStatusCode()).isEqualTo(404);
    }

    private static void assertIsTheNoCacheGif(APIGatewayV2HTTPResponse response) throws IOException {
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "image/gif")
                .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Pragma", "no-cache");
        assertThat(response.getHeaders().get("Cache-Control")).contains("no-store").contains("no-cache").contains("max-age=0");
        assertThat(response.getIsBase64Encoded()).isTrue();
        byte[] gif = Base64.getDecoder().decode(response.getBody());
        assertThat(new String(Arrays.copyOf(gif, 6), StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(gif[gif.length - 1]).isEqualTo((byte) 0x3B);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(gif));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(0, 0) >>> 24).as("alpha of the only pixel").isZero();
    }

    private static Map<String, String> validQuery() {
        Map<String, String> query = new HashMap<>();
        query.put("l", LEAD);
        query.put("m", MESSAGE);
        query.put("s", SIGNER.sign("open", LEAD, MESSAGE));
        return query;
    }

    private static Map<String, String> queryOf(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static APIGatewayV2HTTPEvent pixelHit(Map<String, String> query, String userAgent) {
        return event("GET /t/o.gif", query, Map.of("user-agent", userAgent));
    }

    private static APIGatewayV2HTTPEvent beacon(String origin, String contentType, String body) {
        APIGatewayV2HTTPEvent event = event("POST /t/e", null, Map.of("origin", origin, "content-type", contentType,
                "user-agent", HUMAN));
        event.setBody(body);
        return event;
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> query, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(routeKey.split(" ", 2)[1])
                .withQueryStringParameters(query).withHeaders(headers).build();
    }
}
