package dev.lem.routing.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.events.InvalidEventException;
import dev.lem.json.Json;
import dev.lem.messaging.NotifyMessage;
import dev.lem.routing.RoutingService;
import dev.lem.lead.LeadId;
import dev.lem.testing.fakes.JourneyFakes;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.testing.fakes.RecordingStepScheduler.Schedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterHandlerTest {

    private static final int MAX_EVENT_BYTES = 256 * 1024;
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";

    private final JourneyFakes fakes = new JourneyFakes(Instant.parse("2026-11-23T10:15:31Z"));
    private final RecordingQueue notifyQueue = fakes.notifyQueue;
    private final RecordingStepScheduler scheduler = fakes.scheduler;
    private final RouterHandler handler = new RouterHandler(new RoutingService(fakes.catalog, fakes.enrolments, fakes.leads,
            fakes.runner, fakes.clock()));

    @BeforeEach
    void storeLead() {
        fakes.lead(new LeadId(LEAD));
    }

    @Test
    void handleRequest_whenAnAudienceQueueBatch_enrolsEachRecordAndReportsOnlyTheFailedOnes() throws IOException {
        fakes.deploy("""
                {"schemaVersion":1,"id":"promo","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"m","type":"send","channel":"email","template":"promo"}]}""");
        RoutingService routing = new RoutingService(fakes.catalog, fakes.enrolments, fakes.leads, fakes.runner, fakes.clock());
        RouterHandler withAudience = new RouterHandler(new RouterHandler.Services(routing, java.util.Optional.of(
                new dev.lem.routing.AudienceService(routing, (state, cursor, limit) -> {
                    throw new AssertionError("no segment here");
                }, fakes.leads, new RecordingQueue(), new dev.lem.testing.fakes.InMemoryIdempotencyStore(), fakes.clock()))));
        String batch = Json.write(new dev.lem.journey.AudienceBatch("t-1", Instant.parse("2026-11-23T10:15:31Z"), "promo",
                java.util.Map.of(), java.util.List.of(LEAD), null, null, null));
        String records = Json.write(java.util.Map.of("Records", java.util.List.of(
                java.util.Map.of("messageId", "m-1", "body", batch, "eventSource", "aws:sqs"),
                java.util.Map.of("messageId", "m-2", "body", "{\"not\":\"a batch\"}", "eventSource", "aws:sqs"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        withAudience.handleRequest(new ByteArrayInputStream(records.getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(Json.tree(out.toString(StandardCharsets.UTF_8)).get("batchItemFailures"))
                .singleElement().satisfies(f -> assertThat(f.get("itemIdentifier").asText()).isEqualTo("m-2"));
        assertThat(fakes.enrolments.get(new LeadId(LEAD), "promo").trigger()).isEqualTo("t-1");
    }

    @Test
    void handleRequest_whenAnSqsBatchReachesARouterWithoutAudienceQueue_throws() {
        assertThatThrownBy(() -> invoke("{\"Records\":[]}")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEM_AUDIENCE_QUEUE_URL");
    }

    @Test
    void handleRequest_whenJsonButNotAnObject_throwsInvalidEvent() {
        assertThatThrownBy(() -> invoke("[1]")).isInstanceOf(InvalidEventException.class)
                .hasMessage("event is not an EventBridge envelope");
    }

    @Test
    void handleRequest_whenValidLeadCaptured_routesItIntoTheWelcomeJourney() throws IOException {
        invoke(fixture("envelopes/lead-captured.json"));

        assertThat(fakes.enrolments.get(new LeadId(LEAD), "welcome").trigger()).isEqualTo("capture-Jx1QwgFbjoEEMsg.");
        assertThat(notifyQueue.bodies()).singleElement()
                .satisfies(body -> assertThat(Json.read(body, NotifyMessage.class).messageId()).isEqualTo("welcome.1." + LEAD));
        assertThat(scheduler.scheduled()).extracting(Schedule::name).containsExactly("welcome-3-" + LEAD);
    }

    @Test
    void handleRequest_whenValidEventOfAnotherType_isAcceptedAndDoesNothing() throws IOException {
        invoke(fixture("envelopes/lead-scored.json"));

        assertThat(notifyQueue.bodies()).isEmpty();
        assertThat(fakes.enrolments.all()).isEmpty();
    }

    @Test
    void handleRequest_whenEnvelopeHasFieldsThisVersionDoesNotKnow_stillRoutesIt() throws IOException {
        ObjectNode envelope = (ObjectNode) Json.tree(fixture("envelopes/lead-captured.json"));
        envelope.put("replay-name", "archive-2026");
        ((ObjectNode) envelope.get("detail")).put("utmSource", "newsletter");

        invoke(Json.write(envelope));

        assertThat(notifyQueue.bodies()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "envelopes/unknown-detail-type.json | unknown detail-type lead.teleported",
            "envelopes/wrong-source.json        | lead.captured must come from source lem",
            "envelopes/no-detail.json           | lead.captured violates its schema: detail must be a JSON object",
            "envelopes/not-json.txt             | event is not an EventBridge envelope"})
    void handleRequest_whenEventBreaksTheContract_throwsInvalidEventNamingTheProblem(String fixture, String problem) {
        assertThatThrownBy(() -> invoke(fixture(fixture)))
                .isInstanceOf(InvalidEventException.class).hasMessage(problem);
        assertThat(notifyQueue.bodies()).isEmpty();
        assertThat(fakes.enrolments.all()).isEmpty();
    }

    @Test
    void handleRequest_whenDetailViolatesTheSchema_namesEveryViolatedProperty() {
        assertThatThrownBy(() -> invoke(fixture("envelopes/schema-violation.json")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("lead.captured violates its schema: ")
                .hasMessageContaining("leadId")
                .hasMessageContaining("emailConsent");
        assertThat(notifyQueue.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenInputIsJsonNull_throwsInvalidEventNotANullPointer() {
        assertThatThrownBy(() -> invoke("null"))
                .isInstanceOf(InvalidEventException.class).hasMessage("event is not an EventBridge envelope");
    }

    @Test
    void handleRequest_whenInputIsAJsonArray_throwsInvalidEvent() {
        assertThatThrownBy(() -> invoke("[" + fixture("envelopes/lead-captured.json") + "]"))
                .isInstanceOf(InvalidEventException.class).hasMessage("event is not an EventBridge envelope");
    }

    @Test
    void handleRequest_whenEventLargerThan256KiB_throwsBeforeReadingItThoughItIsOtherwiseValid() {
        String oversized = padded(fixture("envelopes/lead-captured.json"), MAX_EVENT_BYTES + 1);

        assertThatThrownBy(() -> invoke(oversized))
                .isInstanceOf(InvalidEventException.class).hasMessage("event exceeds 262144 bytes");
        assertThat(notifyQueue.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenEventExactly256KiB_routesIt() throws IOException {
        invoke(padded(fixture("envelopes/lead-captured.json"), MAX_EVENT_BYTES));

        assertThat(notifyQueue.bodies()).hasSize(1);
    }

    /** The envelope with an extra detail property that brings it to exactly {@code bytes} UTF-8 bytes. */
    private static String padded(String envelope, int bytes) {
        ObjectNode tree = (ObjectNode) Json.tree(envelope);
        ((ObjectNode) tree.get("detail")).put("padding", "");
        String empty = Json.write(tree);
        ((ObjectNode) tree.get("detail")).put("padding", "x".repeat(bytes - empty.getBytes(StandardCharsets.UTF_8).length));
        String result = Json.write(tree);
        assertThat(result.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return result;
    }

    private void invoke(String event) throws IOException {
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    private static String fixture(String path) {
        try (InputStream in = RouterHandlerTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
