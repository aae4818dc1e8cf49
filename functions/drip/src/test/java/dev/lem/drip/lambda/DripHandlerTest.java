package dev.lem.drip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.drip.DripService;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.testing.fakes.JourneyFakes;
import dev.lem.testing.fakes.RecordingQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DripHandlerTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");

    private final JourneyFakes fakes = new JourneyFakes(Instant.parse("2026-11-23T10:15:31Z"));
    private final RecordingQueue notifyQueue = fakes.notifyQueue;
    private final DripHandler handler = new DripHandler(new DripService(fakes.catalog, fakes.enrolments, fakes.leads,
            fakes.runner, fakes.clock()));

    /** The welcome journey entered with consent: parked at its two-day wait (the fixture's timer). */
    private void enteredWelcome() {
        fakes.lead(LEAD);
        fakes.enter(LEAD, "welcome", "capture-1", Map.of("formId", "demo", "emailConsent", "true"));
        notifyQueue.clear();
    }

    @Test
    void handleRequest_whenScheduleDeliversADripStep_queuesTheMarketingMessage() throws IOException {
        enteredWelcome();

        invoke(fixture("steps/welcome-2.json"));

        NotifyMessage message = Json.read(notifyQueue.bodies().getFirst(), NotifyMessage.class);
        assertThat(message.messageId()).isEqualTo("welcome.4." + LEAD);
        assertThat(message.template()).isEqualTo("welcome-2");
        assertThat(message.category()).isEqualTo(MessageCategory.MARKETING);
        assertThat(message.leadId()).isEqualTo(LEAD);
    }

    @Test
    void handleRequest_whenLeadIsGone_completesWithoutSending() throws IOException {
        enteredWelcome();
        fakes.leads.remove(LEAD);

        invoke(fixture("steps/welcome-2.json"));

        assertThat(notifyQueue.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenPayloadHasFieldsThisVersionDoesNotKnow_stillRunsTheStep() throws IOException {
        enteredWelcome();
        ObjectNode step = (ObjectNode) Json.tree(fixture("steps/welcome-2.json"));
        step.put("priority", 7);

        invoke(Json.write(step));

        assertThat(notifyQueue.bodies()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{}", "null",
            "{\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"campaignId\":\"welcome\",\"step\":2}",
            "{\"leadId\":\"ADA\",\"campaignId\":\"welcome\",\"step\":2,\"dueAt\":\"2026-11-25T10:15:30Z\"}",
            "{\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"campaignId\":\"welcome\",\"step\":0,\"dueAt\":\"2026-11-25T10:15:30Z\"}",
            "{\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"campaignId\":\"welcome\",\"step\":\"two\",\"dueAt\":\"2026-11-25T10:15:30Z\"}",
            "{\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"campaignId\":\"welcome\",\"step\":null,\"dueAt\":\"2026-11-25T10:15:30Z\"}"})
    void handleRequest_whenPayloadIsNotADripStep_throwsIllegalArgumentAndSendsNothing(String payload) {
        enteredWelcome();

        assertThatThrownBy(() -> invoke(payload))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("drip payload is not a DripStep");
        assertThat(notifyQueue.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenPayloadOver8KiB_throwsBeforeParsing() {
        enteredWelcome();
        ObjectNode step = (ObjectNode) Json.tree(fixture("steps/welcome-2.json"));
        step.put("padding", "x".repeat(8 * 1024));

        assertThatThrownBy(() -> invoke(Json.write(step)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("drip payload exceeds 8192 bytes");
        assertThat(notifyQueue.bodies()).isEmpty();
    }

    private void invoke(String payload) throws IOException {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    private static String fixture(String path) {
        try (InputStream in = DripHandlerTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
