package dev.lem.drip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.journey.DripStep;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.store.StoreUnavailableException;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingQueue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DripServiceTest {

    static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    static final Instant DUE = Instant.parse("2026-11-25T10:15:30Z");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingQueue notifyQueue = new RecordingQueue();
    private final DripService service = new DripService(leads, notifyQueue);

    @Test
    void run_whenLeadExists_queuesTheStepsMarketingMessageUnderADeterministicId() {
        leads.put(lead(LEAD));

        assertThat(service.run(new DripStep(LEAD, "welcome", 2, DUE))).isTrue();

        assertThat(notifyQueue.bodies()).singleElement().satisfies(body -> {
            assertThat(Json.read(body, NotifyMessage.class)).isEqualTo(new NotifyMessage("welcome.2." + LEAD, LEAD,
                    Channel.EMAIL, MessageCategory.MARKETING, "welcome", "welcome-2", Map.of()));
            JsonNode wire = Json.tree(body);
            assertThat(wire.get("category").asText()).isEqualTo("marketing");
            assertThat(wire.get("template").asText()).isEqualTo("welcome-2");
        });
    }

    @Test
    void run_whenTimerFiresTwice_queuesTheSameMessageIdBothTimes() {
        leads.put(lead(LEAD));

        service.run(new DripStep(LEAD, "welcome", 2, DUE));
        service.run(new DripStep(LEAD, "welcome", 2, DUE));

        assertThat(notifyQueue.bodies()).hasSize(2)
                .extracting(b -> Json.read(b, NotifyMessage.class).messageId()).containsOnly("welcome.2." + LEAD);
    }

    @Test
    void run_whenOtherCampaignAndStep_namesTemplateAndIdAfterThem() {
        leads.put(lead(LEAD));

        service.run(new DripStep(LEAD, "trial", 3, DUE));

        NotifyMessage message = Json.read(notifyQueue.bodies().getFirst(), NotifyMessage.class);
        assertThat(message.messageId()).isEqualTo("trial.3." + LEAD);
        assertThat(message.template()).isEqualTo("trial-3");
        assertThat(message.campaignId()).isEqualTo("trial");
    }

    @Test
    void run_whenLeadWasErased_sendsNothingAndEndsQuietly() {
        assertThat(service.run(new DripStep(LEAD, "welcome", 2, DUE))).isFalse();

        assertThat(notifyQueue.bodies()).isEmpty();
    }

    @Test
    void run_whenStoreOrQueueUnavailable_throwsSoTheSchedulerRetries() {
        leads.failEveryCallWith(new StoreUnavailableException("get lead throttled", null));
        assertThatThrownBy(() -> service.run(new DripStep(LEAD, "welcome", 2, DUE)))
                .isInstanceOf(StoreUnavailableException.class);

        leads.recover();
        leads.put(lead(LEAD));
        notifyQueue.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));
        assertThatThrownBy(() -> service.run(new DripStep(LEAD, "welcome", 2, DUE)))
                .isInstanceOf(QueueUnavailableException.class);
    }

    static Lead lead(LeadId id) {
        Instant created = Instant.parse("2026-11-23T10:15:30Z");
        return new Lead(id, "hash", null, Map.of(), LeadState.LEAD, created, 20, Map.of(), created, created, 2);
    }
}
