package dev.lem.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadOutcome;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.journey.DripStep;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.routing.RoutingService.Routed;
import dev.lem.testing.fakes.InMemoryEnrolmentStore;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.testing.fakes.RecordingStepScheduler.Schedule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingServiceTest {

    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final Instant CAPTURED_AT = Instant.parse("2026-11-23T10:15:30Z");

    private final InMemoryEnrolmentStore enrolments = new InMemoryEnrolmentStore();
    private final RecordingQueue notifyQueue = new RecordingQueue();
    private final RecordingStepScheduler scheduler = new RecordingStepScheduler();
    private final RoutingService service = new RoutingService(enrolments, notifyQueue, scheduler);

    @Test
    void route_whenLeadCapturedWithConsent_enrolsInTheWelcomeCampaign() {
        assertThat(service.route(captured("capture-req-1", true))).isEqualTo(Routed.ENROLLED);

        assertThat(enrolments.triggers()).containsExactly(Map.entry(LEAD + "/welcome", "capture-req-1"));
    }

    @Test
    void route_whenLeadCaptured_queuesTheTransactionalWelcomeUnderADeterministicId() {
        service.route(captured("capture-req-1", true));

        assertThat(notifyQueue.bodies()).singleElement().satisfies(body -> {
            assertThat(Json.read(body, NotifyMessage.class)).isEqualTo(new NotifyMessage("welcome.1." + LEAD,
                    new LeadId(LEAD), Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome", "welcome",
                    Map.of("formId", "demo")));
            JsonNode wire = Json.tree(body);
            assertThat(wire.get("channel").asText()).isEqualTo("email");
            assertThat(wire.get("category").asText()).isEqualTo("transactional");
            assertThat(body).doesNotContain("@");
        });
    }

    @Test
    void route_whenLeadCapturedWithConsent_schedulesTheSecondStepTwoDaysLater() {
        service.route(captured("capture-req-1", true));

        assertThat(scheduler.scheduled()).singleElement().satisfies(schedule -> {
            assertThat(schedule.name()).isEqualTo("welcome-2-" + LEAD);
            assertThat(schedule.at()).isEqualTo(CAPTURED_AT.plus(Duration.ofDays(2)));
            assertThat(Json.read(schedule.payloadJson(), DripStep.class)).isEqualTo(
                    new DripStep(new LeadId(LEAD), "welcome", 2, Instant.parse("2026-11-25T10:15:30Z")));
        });
    }

    @Test
    void route_whenLeadCapturedWithoutConsent_sendsTheWelcomeButSchedulesNoMarketing() {
        assertThat(service.route(captured("capture-req-1", false))).isEqualTo(Routed.ENROLLED);

        assertThat(notifyQueue.bodies()).hasSize(1);
        assertThat(scheduler.scheduled()).isEmpty();
    }

    @Test
    void route_whenTheSameEventIsRedelivered_repeatsTheSameMessageIdAndScheduleName() {
        service.route(captured("capture-req-1", true));

        assertThat(service.route(captured("capture-req-1", true))).isEqualTo(Routed.ENROLLED);

        assertThat(notifyQueue.bodies()).hasSize(2)
                .extracting(body -> Json.read(body, NotifyMessage.class).messageId())
                .containsOnly("welcome.1." + LEAD);
        assertThat(scheduler.scheduled()).hasSize(2).extracting(Schedule::name).containsOnly("welcome-2-" + LEAD);
    }

    @Test
    void route_whenQueueFailedAfterEnrolling_theRetryOfTheSameEventStillSendsTheWelcome() {
        notifyQueue.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));
        assertThatThrownBy(() -> service.route(captured("capture-req-1", true))).isInstanceOf(QueueUnavailableException.class);
        assertThat(scheduler.scheduled()).isEmpty();
        notifyQueue.recover();

        assertThat(service.route(captured("capture-req-1", true))).isEqualTo(Routed.ENROLLED);

        assertThat(notifyQueue.bodies()).hasSize(1);
        assertThat(scheduler.scheduled()).hasSize(1);
    }

    @Test
    void route_whenAnotherCaptureOfAnAlreadyEnrolledLead_isAlreadyEnrolledAndSendsNothing() {
        service.route(captured("capture-req-1", false));

        assertThat(service.route(captured("capture-req-2", true))).isEqualTo(Routed.ALREADY_ENROLLED);

        assertThat(notifyQueue.bodies()).hasSize(1);
        assertThat(scheduler.scheduled()).isEmpty();
        assertThat(enrolments.triggers()).containsEntry(LEAD + "/welcome", "capture-req-1");
    }

    static Stream<LemEvent> otherEvents() {
        return Stream.of(
                new LeadScored("scored-a-1", CAPTURED_AT, LEAD, 25, 20, "default-1", "a-1"),
                new LeadStateChanged("state-1", CAPTURED_AT, LEAD, "lead", "mql", "score", false),
                new LeadActivity("activity-1", CAPTURED_AT, LEAD, "a-1", "email.open"),
                new CampaignTrigger("trigger-1", CAPTURED_AT, "black-friday", LEAD, Map.of()),
                new MessageSent("sent-welcome.1." + LEAD, CAPTURED_AT, "welcome.1." + LEAD, LEAD, "email", "welcome", "ses-1"),
                new MessageFailed("failed-welcome.1." + LEAD, CAPTURED_AT, "welcome.1." + LEAD, LEAD, "email", "no-consent", false),
                new LeadOutcome("outcome-1", CAPTURED_AT, LEAD, "won", new BigDecimal("1200.00"), "EUR"));
    }

    @ParameterizedTest
    @MethodSource("otherEvents")
    void route_whenEventStartsNoCampaign_isNoCampaignAndDoesNothing(LemEvent event) {
        assertThat(service.route(event)).isEqualTo(Routed.NO_CAMPAIGN);

        assertThat(enrolments.triggers()).isEmpty();
        assertThat(notifyQueue.bodies()).isEmpty();
        assertThat(scheduler.scheduled()).isEmpty();
    }

    private static LeadCaptured captured(String eventId, boolean emailConsent) {
        return new LeadCaptured(eventId, CAPTURED_AT, LEAD, "demo", true, "lead", emailConsent);
    }
}
