package dev.lem.capture.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.capture.activities.ActivityIngestionService.BatchResult;
import dev.lem.capture.activities.ActivityIngestionService.ItemResult;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.store.StoreUnavailableException;
import dev.lem.testing.fakes.InMemoryIdempotencyStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingQueue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivityIngestionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryIdempotencyStore claims = new InMemoryIdempotencyStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final ActivityIngestionService service = new ActivityIngestionService(leads, HASHER, claims, queue);

    @BeforeEach
    void seedLead() {
        EmailAddress email = EmailAddress.parse("ada@example.com").orElseThrow();
        leads.put(new Lead(LEAD, HASHER.hash(email), email, Map.of(), LeadState.LEAD, NOW, 0, Map.of(), NOW, NOW, 1));
    }

    private static String item(String externalId, String lead) {
        return "{\"source\":\"call-centre\",\"externalId\":\"" + externalId + "\",\"type\":\"offline.call\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\"," + lead + ",\"attributes\":{\"outcome\":\"callback\"}}";
    }

    private BatchResult ingest(String... items) throws Exception {
        return service.ingest("{\"items\":[" + String.join(",", items) + "]}", NOW);
    }

    @Test
    void ingest_whenItemNamesAKnownLead_queuesAnActivityWithSourceAndExternalId() throws Exception {
        BatchResult result = ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""));

        ItemResult first = result.results().getFirst();
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.result()).isEqualTo("accepted");
        assertThat(first.activityId()).matches("ext-[0-9a-f]{32}");
        Activity queued = Json.read(queue.bodies().getFirst(), Activity.class);
        assertThat(queued).isEqualTo(new Activity(first.activityId(), LEAD, "offline.call",
                Instant.parse("2026-11-23T09:00:00Z"), Map.of("outcome", "callback", "source", "call-centre",
                "externalId", "call-1")));
    }

    @Test
    void ingest_whenItemNamesTheLeadByEmail_findsItThroughTheKeyedHash() throws Exception {
        BatchResult result = ingest(item("call-1", "\"email\":\"ADA@example.com\""));

        assertThat(result.results().getFirst().leadId()).isEqualTo(LEAD.value());
        assertThat(queue.bodies().getFirst()).doesNotContain("ada@example.com");
    }

    @Test
    void ingest_whenTheSameExternalIdComesAgain_answersDuplicateAndQueuesNothing() throws Exception {
        ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""));

        BatchResult again = ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""), item("call-1", "\"email\":\"ada@example.com\""));

        assertThat(again.results()).extracting(ItemResult::result).containsExactly("duplicate", "duplicate");
        assertThat(again.results()).extracting(ItemResult::status).containsExactly(200, 200);
        assertThat(queue.bodies()).hasSize(1);
    }

    @Test
    void ingest_whenSourcesDiffer_theSameExternalIdIsAnotherActivity() throws Exception {
        ingest(item("42", "\"leadId\":\"" + LEAD + "\""));
        BatchResult other = ingest(item("42", "\"leadId\":\"" + LEAD + "\"").replace("call-centre", "dealer-crm"));

        assertThat(other.results().getFirst().result()).isEqualTo("accepted");
        assertThat(queue.bodies()).hasSize(2);
    }

    @Test
    void ingest_whenLeadIsUnknown_refusesThatItemOnlyWith404() throws Exception {
        BatchResult result = ingest(item("call-1", "\"email\":\"eve@example.com\""),
                item("call-2", "\"leadId\":\"" + LeadId.random() + "\""),
                item("call-3", "\"leadId\":\"" + LEAD + "\""));

        assertThat(result.results()).extracting(ItemResult::status).containsExactly(404, 404, 202);
        assertThat(result.results().getFirst().errors()).containsEntry("item", "no lead with this email");
        assertThat(queue.bodies()).hasSize(1);
        assertThat(claims.calls()).allSatisfy(c -> assertThat(c).doesNotContain("eve"));
    }

    @Test
    void ingest_whenAnItemIsInvalid_refusesItWith422AndAcceptsTheOthers() throws Exception {
        BatchResult result = ingest("{\"source\":\"x\"}", item("call-2", "\"leadId\":\"" + LEAD + "\""));

        assertThat(result.results().getFirst().status()).isEqualTo(422);
        assertThat(result.results().getFirst().errors()).containsKeys("externalId", "type", "occurredAt", "leadId");
        assertThat(result.results().get(1).status()).isEqualTo(202);
    }

    @Test
    void ingest_whenTheQueueIsDown_answers503ForTheItemAndGivesTheClaimBackSoARetryWorks() throws Exception {
        queue.failNextCallWith(new QueueUnavailableException("down", null));

        BatchResult failed = ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""));
        BatchResult retried = ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""));

        assertThat(failed.results().getFirst().status()).isEqualTo(503);
        assertThat(retried.results().getFirst().result()).isEqualTo("accepted");
        assertThat(queue.bodies()).hasSize(1);
    }

    @Test
    void ingest_whenTheLeadStoreIsDown_answers503ForTheItem() throws Exception {
        leads.failNextCallWith(new StoreUnavailableException("down", null));

        BatchResult result = ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""));

        assertThat(result.results().getFirst().status()).isEqualTo(503);
        assertThat(queue.bodies()).isEmpty();
    }

    @Test
    void ingest_whenTheSameItemIsBeingProcessed_answers409() throws Exception {
        String activityId = service.activityId(new OfflineActivity("call-centre", "call-1", "offline.call", NOW,
                java.util.Optional.of(LEAD), java.util.Optional.empty(), Map.of()));
        claims.hold("activities#" + activityId, NOW.plusSeconds(60));

        BatchResult result = ingest(item("call-1", "\"leadId\":\"" + LEAD + "\""));

        assertThat(result.results().getFirst().status()).isEqualTo(409);
        assertThat(queue.bodies()).isEmpty();
    }
}
