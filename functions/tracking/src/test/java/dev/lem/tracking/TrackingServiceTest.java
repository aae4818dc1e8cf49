package dev.lem.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.tracking.TrackingService.Result;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrackingServiceTest {

    static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    static final String OTHER_LEAD = "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    static final String MESSAGE = "welcome.1." + LEAD;
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final LinkSigner SIGNER = new LinkSigner(TRACKING_KEY);
    static final String SIGNATURE = SIGNER.sign(TrackingLinks.OPEN, LEAD, MESSAGE);

    static final String HUMAN = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private final RecordingQueue activities = new RecordingQueue();
    private final TrackingService service = new TrackingService(SIGNER, activities);

    @Test
    void recordOpen_whenSignatureMatches_queuesAnEmailOpenActivityForTheLead() {
        Result result = open(LEAD, MESSAGE, SIGNATURE, NOW);

        assertThat(result).isEqualTo(Result.RECORDED);
        assertThat(activities.bodies()).singleElement().satisfies(body -> {
            JsonNode json = Json.tree(body);
            assertThat(json.get("leadId").asText()).isEqualTo(LEAD);
            assertThat(json.get("type").asText()).isEqualTo("email.open");
            assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
            assertThat(json.get("attributes")).isEqualTo(Json.tree("{\"messageId\":\"" + MESSAGE + "\"}"));
            assertThat(json.get("activityId").asText()).matches("[0-9a-f-]{36}");
        });
    }

    @Test
    void recordOpen_whenSignedByTheLinksNotificationsPutsInEmails_isRecorded() {
        String pixel = new TrackingLinks(SIGNER, java.net.URI.create("https://t.lem.example/")).openPixelUrl(
                new dev.lem.lead.LeadId(LEAD), MESSAGE);
        String signature = pixel.substring(pixel.indexOf("&s=") + 3);

        assertThat(open(LEAD, MESSAGE, signature, NOW)).isEqualTo(Result.RECORDED);
    }

    @Test
    void recordOpen_whenThePixelLoadsTwice_queuesTwoActivitiesWithDistinctIds() {
        open(LEAD, MESSAGE, SIGNATURE, NOW);
        open(LEAD, MESSAGE, SIGNATURE, NOW.plusSeconds(60));

        List<String> ids = activities.bodies().stream().map(b -> Json.read(b, Activity.class).activityId()).toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    }

    static Stream<Arguments> invalidPixels() {
        String otherMessage = "welcome.2." + LEAD;
        return Stream.of(
                Arguments.of("lead id swapped", OTHER_LEAD, MESSAGE, SIGNATURE),
                Arguments.of("message id swapped", LEAD, otherMessage, SIGNATURE),
                Arguments.of("signature tampered", LEAD, MESSAGE, tamper(SIGNATURE)),
                Arguments.of("signature truncated", LEAD, MESSAGE, SIGNATURE.substring(0, SIGNATURE.length() - 1)),
                Arguments.of("signature of a click", LEAD, MESSAGE, SIGNER.sign("click", LEAD, MESSAGE)),
                Arguments.of("signed by another key", LEAD, MESSAGE,
                        new LinkSigner("another-key-for-tests-only-32-bytes!!!".getBytes(StandardCharsets.UTF_8))
                                .sign(TrackingLinks.OPEN, LEAD, MESSAGE)),
                Arguments.of("lead id missing", null, MESSAGE, SIGNATURE),
                Arguments.of("message id missing", LEAD, null, SIGNATURE),
                Arguments.of("signature missing", LEAD, MESSAGE, null),
                Arguments.of("lead id not a UUID", "not-a-uuid", MESSAGE, SIGNER.sign(TrackingLinks.OPEN, "not-a-uuid", MESSAGE)),
                Arguments.of("lead id in upper case", LEAD.toUpperCase(), MESSAGE,
                        SIGNER.sign(TrackingLinks.OPEN, LEAD.toUpperCase(), MESSAGE)),
                Arguments.of("message id with odd characters", LEAD, "welcome 1<script>",
                        SIGNER.sign(TrackingLinks.OPEN, LEAD, "welcome 1<script>")),
                Arguments.of("message id too long", LEAD, "m".repeat(129), SIGNER.sign(TrackingLinks.OPEN, LEAD, "m".repeat(129))),
                Arguments.of("empty message id", LEAD, "", SIGNER.sign(TrackingLinks.OPEN, LEAD, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPixels")
    void recordOpen_whenIdsOrSignatureDoNotVerify_isInvalidAndQueuesNothing(String what, String leadId, String messageId,
                                                                            String signature) {
        assertThat(open(leadId, messageId, signature, NOW)).isEqualTo(Result.INVALID);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void recordOpen_whenMessageIdAtMaximumLength_isRecorded() {
        String longest = "m".repeat(128);

        assertThat(open(LEAD, longest, SIGNER.sign(TrackingLinks.OPEN, LEAD, longest), NOW))
                .isEqualTo(Result.RECORDED);
        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).attributes())
                .isEqualTo(Map.of("messageId", longest));
    }

    @ParameterizedTest(name = "{1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Mozilla/5.0|apple-mpp",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)|gmail-proxy",
            "Mozilla/5.0 (compatible; Googlebot/2.1)|bot"})
    void recordOpen_whenFetchedByAProxyOrBot_queuesAnAutomatedOpenNamingTheReason(String userAgent, String reason) {
        Result result = service.recordOpen(LEAD, MESSAGE, SIGNATURE, userAgent, Optional.of(VID), NOW);

        assertThat(result).isEqualTo(Result.RECORDED_AUTOMATED);
        Activity open = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(open.type()).isEqualTo("email.open.automated");
        assertThat(open.attributes()).isEqualTo(Map.of("messageId", MESSAGE, "automated", reason));
    }

    @Test
    void recordOpen_whenAPersonWithAVisitorCookieOpens_recordsTheVisitorId() {
        service.recordOpen(LEAD, MESSAGE, SIGNATURE, HUMAN, Optional.of(VID), NOW);

        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).attributes())
                .isEqualTo(Map.of("messageId", MESSAGE, "visitorId", VID));
    }

    @Test
    void recordOpen_whenVisitorCookieIsNotAVisitorId_leavesItOut() {
        service.recordOpen(LEAD, MESSAGE, SIGNATURE, HUMAN, Optional.of("<script>"), NOW);

        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).attributes()).doesNotContainKey("visitorId");
    }

    @Test
    void recordOpen_whenSignatureInvalidFromABot_queuesNothing() {
        assertThat(service.recordOpen(LEAD, MESSAGE, tamper(SIGNATURE), "curl/8.0", Optional.empty(), NOW))
                .isEqualTo(Result.INVALID);
        assertThat(activities.bodies()).isEmpty();
    }

    private Result open(String leadId, String messageId, String signature, Instant at) {
        return service.recordOpen(leadId, messageId, signature, HUMAN, Optional.empty(), at);
    }

    private static String tamper(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }
}
