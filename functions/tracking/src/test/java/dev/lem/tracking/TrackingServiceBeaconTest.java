package dev.lem.tracking;

import static dev.lem.tracking.TrackingServiceTest.LEAD;
import static dev.lem.tracking.TrackingServiceTest.TRACKING_KEY;
import static dev.lem.tracking.TrackingServiceTest.VID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import dev.lem.links.LeadTokens;
import dev.lem.links.LinkSigner;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.tracking.TrackingService.BeaconOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackingServiceBeaconTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final LinkSigner SIGNER = new LinkSigner(TRACKING_KEY);
    private static final String COOKIE_VID = "ZZZZZZZZZZZZZZZZZZZZZw";

    private final RecordingQueue activities = new RecordingQueue();
    private final TrackingService service = new TrackingService(SIGNER, activities);

    @Test
    void recordBeacon_whenAnonymousPageView_queuesAVisitorActivityWithPageHostAndPathOnly() {
        BeaconOutcome outcome = service.recordBeacon("""
                {"type":"page.view","url":"https://www.example.com/pricing?email=ann@example.com","title":"Pricing",
                 "referrer":"https://www.google.com/search?q=ann","vid":"%s"}""".formatted(VID), Optional.empty(), NOW);

        assertThat(outcome).isEqualTo(new BeaconOutcome.Recorded(VID, false));
        String body = activities.bodies().getFirst();
        assertThat(Json.tree(body).get("kind").asText()).isEqualTo(VisitorActivity.KIND);
        assertThat(Json.tree(body).has("leadId")).isFalse();
        VisitorActivity view = Json.read(body, VisitorActivity.class);
        assertThat(view.visitorId()).isEqualTo(VID);
        assertThat(view.type()).isEqualTo("page.view");
        assertThat(view.occurredAt()).isEqualTo(NOW);
        assertThat(view.attributes()).isEqualTo(Map.of("visitorId", VID, "page", "www.example.com/pricing",
                "title", "Pricing", "referrerHost", "www.google.com"));
        assertThat(body).doesNotContain("ann");
    }

    @Test
    void recordBeacon_whenCarryingAValidLeadToken_queuesTheLeadsActivityWithTheVisitorId() {
        String token = new LeadTokens(SIGNER).issue(new LeadId(LEAD));

        BeaconOutcome outcome = service.recordBeacon("""
                {"type":"time-on-page","url":"https://www.example.com/","seconds":42,"vid":"%s","lt":"%s"}"""
                .formatted(VID, token), Optional.empty(), NOW);

        assertThat(outcome).isEqualTo(new BeaconOutcome.Recorded(VID, true));
        Activity activity = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(activity.leadId().value()).isEqualTo(LEAD);
        assertThat(activity.type()).isEqualTo("page.time-on-page");
        assertThat(activity.attributes()).isEqualTo(Map.of("visitorId", VID, "page", "www.example.com/", "seconds", "42"));
    }

    @Test
    void recordBeacon_whenLeadTokenForged_recordsTheVisitorAnonymously() {
        String forged = LEAD + "." + new LinkSigner("another-key-for-tests-only-32-bytes!!!".getBytes()).sign(LeadTokens.LEAD, LEAD);

        BeaconOutcome outcome = service.recordBeacon("""
                {"type":"page.view","url":"https://www.example.com/","vid":"%s","lt":"%s"}""".formatted(VID, forged),
                Optional.empty(), NOW);

        assertThat(outcome).isEqualTo(new BeaconOutcome.Recorded(VID, false));
        assertThat(Json.tree(activities.bodies().getFirst()).has("leadId")).isFalse();
    }

    @Test
    void recordBeacon_whenBodyHasNoVid_usesTheCookiesVisitorId() {
        BeaconOutcome outcome = service.recordBeacon("{\"type\":\"identify\",\"url\":\"https://www.example.com/\"}",
                Optional.of(COOKIE_VID), NOW);

        assertThat(outcome).isEqualTo(new BeaconOutcome.Recorded(COOKIE_VID, false));
        assertThat(Json.read(activities.bodies().getFirst(), VisitorActivity.class).type()).isEqualTo("visitor.identify");
    }

    @Test
    void recordBeacon_whenNeitherBodyNorCookieHasAVisitorId_issuesARandom128BitOne() {
        BeaconOutcome first = service.recordBeacon("{\"type\":\"page.view\",\"url\":\"https://www.example.com/\"}",
                Optional.of("not-a-visitor-id"), NOW);
        BeaconOutcome second = service.recordBeacon("{\"type\":\"page.view\",\"url\":\"https://www.example.com/\"}",
                Optional.empty(), NOW);

        String one = ((BeaconOutcome.Recorded) first).visitorId();
        String two = ((BeaconOutcome.Recorded) second).visitorId();
        assertThat(one).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(two);
        assertThat(java.util.Base64.getUrlDecoder().decode(one)).hasSize(16);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "not JSON|{type|true|body is not valid JSON",
            "an array|[]|true|body must be a JSON object",
            "a string|~\"page.view\"~|true|body must be a JSON object",
            "trailing garbage|{\"type\":\"page.view\",\"url\":\"https://a.example/\"} x|true|body is not valid JSON",
            "duplicate keys|{\"type\":\"page.view\",\"type\":\"identify\",\"url\":\"https://a.example/\"}|true|body is not valid JSON",
            "type missing|{\"url\":\"https://a.example/\"}|false|type is required",
            "type unknown|{\"type\":\"purchase\",\"url\":\"https://a.example/\"}|false|type must be page.view, time-on-page or identify",
            "type not a string|{\"type\":1,\"url\":\"https://a.example/\"}|false|type must be a string",
            "url missing|{\"type\":\"page.view\"}|false|url is required",
            "url javascript|{\"type\":\"page.view\",\"url\":\"javascript:alert(1)\"}|false|url must be an absolute http or https URL of at most 2048 characters",
            "url relative|{\"type\":\"page.view\",\"url\":\"/pricing\"}|false|url must be an absolute http or https URL of at most 2048 characters",
            "referrer not a URL|{\"type\":\"page.view\",\"url\":\"https://a.example/\",\"referrer\":\"<script>\"}|false|referrer must be an absolute http or https URL of at most 2048 characters",
            "seconds missing|{\"type\":\"time-on-page\",\"url\":\"https://a.example/\"}|false|seconds is required for time-on-page",
            "seconds negative|{\"type\":\"time-on-page\",\"url\":\"https://a.example/\",\"seconds\":-1}|false|seconds must be a whole number from 0 to 86400",
            "seconds fractional|{\"type\":\"time-on-page\",\"url\":\"https://a.example/\",\"seconds\":1.5}|false|seconds must be a whole number from 0 to 86400",
            "seconds a string|{\"type\":\"time-on-page\",\"url\":\"https://a.example/\",\"seconds\":\"5\"}|false|seconds must be a whole number from 0 to 86400",
            "seconds over a day|{\"type\":\"time-on-page\",\"url\":\"https://a.example/\",\"seconds\":86401}|false|seconds must be a whole number from 0 to 86400",
            "seconds huge|{\"type\":\"time-on-page\",\"url\":\"https://a.example/\",\"seconds\":99999999999999999999}|false|seconds must be a whole number from 0 to 86400",
            "vid wrong shape|{\"type\":\"page.view\",\"url\":\"https://a.example/\",\"vid\":\"abc\"}|false|vid must be 22 base64url characters",
            "unknown field|{\"type\":\"page.view\",\"url\":\"https://a.example/\",\"email\":\"a@b.c\"}|false|unknown field email"})
    void recordBeacon_whenBodyIsNotAValidBeacon_isRefusedSayingWhyAndQueuesNothing(String what, String body,
                                                                                  boolean malformed, String message) {
        BeaconOutcome outcome = service.recordBeacon(body, Optional.empty(), NOW);

        assertThat(outcome).isInstanceOfSatisfying(BeaconOutcome.Refused.class, refused -> {
            assertThat(refused.reason().malformed()).isEqualTo(malformed);
            assertThat(refused.reason().getMessage()).isEqualTo(message);
        });
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void recordBeacon_whenTitleTooLong_isRefused() {
        BeaconOutcome outcome = service.recordBeacon("""
                {"type":"page.view","url":"https://a.example/","title":"%s"}""".formatted("t".repeat(301)), Optional.empty(), NOW);

        assertThat(outcome).isInstanceOfSatisfying(BeaconOutcome.Refused.class,
                r -> assertThat(r.reason().getMessage()).isEqualTo("title must be at most 300 characters"));
    }

    @Test
    void recordBeacon_whenDeeplyNested_isRefusedAsMalformedOrUnknownField() {
        String deep = "{\"type\":\"page.view\",\"url\":\"https://a.example/\",\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}";

        assertThat(service.recordBeacon(deep, Optional.empty(), NOW)).isInstanceOf(BeaconOutcome.Refused.class);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void visitorActivity_whenWritten_roundTripsAndNamesItsKind() {
        VisitorActivity activity = VisitorActivity.of("a-1", VID, "page.view", NOW, Map.of("page", "a.example/"));

        JsonNode json = Json.tree(Json.write(activity));
        assertThat(json.get("kind").asText()).isEqualTo("visitor-activity");
        assertThat(Json.read(Json.write(activity), VisitorActivity.class)).isEqualTo(activity);
    }
}
