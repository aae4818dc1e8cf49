package dev.lem.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.journey.DripStep;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.testing.fakes.RecordingStepScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoJourneyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LeadId lead = LeadId.random();

    @Test
    void linking_whenWelcomeMessageSent_addsTheDemoPageAsTourUrl() {
        List<String> sent = new ArrayList<>();
        DemoJourney journey = new DemoJourney("http://127.0.0.1:8080/demo", Optional.empty(), CLOCK);

        NotifyMessage welcome = new NotifyMessage("welcome.1." + lead.value(), lead, Channel.EMAIL,
                MessageCategory.TRANSACTIONAL, "welcome", "welcome", Map.of("formId", "demo"));
        journey.linking(sent::add).send(Json.write(welcome));

        NotifyMessage message = Json.read(sent.getFirst(), NotifyMessage.class);
        assertThat(message.data()).containsEntry("tourUrl", "http://127.0.0.1:8080/demo").containsEntry("formId", "demo");
        assertThat(message.messageId()).isEqualTo(welcome.messageId());
    }

    @Test
    void linking_whenMessageOfAnotherCampaign_passesItUnchanged() {
        List<String> sent = new ArrayList<>();
        String body = Json.write(new NotifyMessage("spring.1." + lead.value(), lead, Channel.EMAIL, MessageCategory.MARKETING,
                "spring", "spring-1", Map.of()));

        new DemoJourney("http://127.0.0.1:8080/demo", Optional.empty(), CLOCK).linking(sent::add).send(body);

        assertThat(sent).containsExactly(body);
    }

    @Test
    void shortening_whenTimerIsDueAfterTheMaxWait_firesItAfterTheMaxWaitWithTheSamePayload() {
        RecordingStepScheduler recorded = new RecordingStepScheduler();
        DemoJourney journey = new DemoJourney("http://x/demo", Optional.of(Duration.ofSeconds(30)), CLOCK);
        DripStep step = new DripStep(lead, "welcome", 3, NOW.plus(Duration.ofDays(2)), 1, 1, 3);

        journey.shortening(recorded).scheduleOnce("welcome-3-" + lead.value(), step.dueAt(), Json.write(step));
        journey.shortening(recorded).scheduleOnce("soon", NOW.plusSeconds(10), "{}");

        assertThat(recorded.scheduled()).extracting(RecordingStepScheduler.Schedule::at)
                .containsExactly(NOW.plusSeconds(30), NOW.plusSeconds(10));
        assertThat(recorded.scheduled().getFirst().payloadJson()).isEqualTo(Json.write(step));
    }

    @Test
    void shortening_whenNoMaxWait_keepsTheJourneysTimes() {
        RecordingStepScheduler recorded = new RecordingStepScheduler();
        DemoJourney journey = new DemoJourney("http://x/demo", Optional.empty(), CLOCK);

        journey.shortening(recorded).scheduleOnce("later", NOW.plus(Duration.ofDays(2)), "{}");

        assertThat(recorded.scheduled().getFirst().at()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    }
}
