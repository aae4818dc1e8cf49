package dev.lem.capture.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.bus.EventPublishException;
import dev.lem.capture.outcomes.OutcomeReport.InvalidOutcomeException;
import dev.lem.events.LeadOutcome;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.store.StoreUnavailableException;
import dev.lem.testing.fakes.InMemoryIdempotencyStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.json.Json;
import dev.lem.lead.LeadMove;
import dev.lem.queue.QueueUnavailableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutcomeIngestionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryIdempotencyStore claims = new InMemoryIdempotencyStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue activityQueue = new RecordingQueue();
    private final OutcomeIngestionService service = new OutcomeIngestionService(leads, HASHER, claims, bus,
            activityQueue);

    @BeforeEach
    void seedLead() {
        EmailAddress email = EmailAddress.parse("ada@example.com").orElseThrow();
        leads.put(new Lead(LEAD, HASHER.hash(email), email, Map.of(), LeadState.SQL, NOW, 0, Map.of(), NOW, NOW, 1));
    }

    private static String won(String externalId, String lead) {
        return "{\"source\":\"crm\",\"externalId\":\"" + externalId + "\"," + lead
                + ",\"outcome\":\"won\",\"value\":12000.50,\"currency\":\"EUR\",\"occurredAt\":\"2026-11-23T09:00:00Z\"}";
    }

    @Test
    void record_whenWonByLeadId_publishesLeadOutcomeWithKeyedEventId() throws Exception {
        OutcomeIngestionService.Result result = service.record(won("deal-9912", "\"leadId\":\"" + LEAD.value() + "\""), NOW);

        assertThat(result.status()).isEqualTo(202);
        assertThat(result.result()).isEqualTo("accepted");
        assertThat(result.eventId()).matches("outcome-[0-9a-f]{32}");
        assertThat(bus.published()).singleElement().isEqualTo(new LeadOutcome(result.eventId(),
                Instant.parse("2026-11-23T09:00:00Z"), LEAD.value(), "won", new BigDecimal("12000.50"), "EUR", null, "crm"));
    }

    @Test
    void record_whenDisqualifiedByEmail_findsTheLeadThroughTheKeyedHash() throws Exception {
        OutcomeIngestionService.Result result = service.record("{\"source\":\"call-centre\",\"externalId\":\"c-7\","
                + "\"email\":\" Ada@Example.com \",\"outcome\":\"disqualified\",\"reason\":\"student, no budget\"}", NOW);

        assertThat(result.status()).isEqualTo(202);
        assertThat(result.leadId()).isEqualTo(LEAD.value());
        LeadOutcome event = (LeadOutcome) bus.published().getFirst();
        assertThat(event.outcome()).isEqualTo("disqualified");
        assertThat(event.reason()).isEqualTo("student, no budget");
        assertThat(event.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void record_whenRepeated_answersDuplicateAndPublishesOnce() throws Exception {
        String body = won("deal-1", "\"leadId\":\"" + LEAD.value() + "\"");
        String first = service.record(body, NOW).eventId();
        OutcomeIngestionService.Result again = service.record(body.replace("won", "lost"), NOW.plusSeconds(60));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.result()).isEqualTo("duplicate");
        assertThat(again.eventId()).isEqualTo(first);
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void record_whenUnknownLead_answers404AndPublishesNothing() throws Exception {
        OutcomeIngestionService.Result result = service.record(won("d-2", "\"email\":\"nobody@example.com\""), NOW);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.error()).isEqualTo("no lead with this email");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void record_whenBusDown_answers503AndARetryPublishes() throws Exception {
        String body = won("d-3", "\"leadId\":\"" + LEAD.value() + "\"");
        bus.failNextCallWith(new EventPublishException("down", null));

        assertThat(service.record(body, NOW).status()).isEqualTo(503);
        assertThat(bus.published()).isEmpty();
        assertThat(service.record(body, NOW).status()).isEqualTo(202);
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void record_whenStoreDown_answers503() throws Exception {
        leads.failNextCallWith(new StoreUnavailableException("down", null));
        assertThat(service.record(won("d-4", "\"leadId\":\"" + LEAD.value() + "\""), NOW).status()).isEqualTo(503);
        claims.failNextCallWith(new StoreUnavailableException("down", null));
        assertThat(service.record(won("d-4", "\"leadId\":\"" + LEAD.value() + "\""), NOW).status()).isEqualTo(503);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void record_whenInvalid_reportsEveryFieldWith422() {
        assertThatThrownBy(() -> service.record("{\"source\":\"CRM\",\"leadId\":\"x\",\"email\":\"a@b.c\","
                + "\"outcome\":\"maybe\",\"value\":-1,\"reason\":\"\",\"occurredAt\":\"2030-01-01T00:00:00Z\",\"extra\":1}", NOW))
                .isInstanceOfSatisfying(InvalidOutcomeException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).containsKeys("source", "externalId", "lead", "outcome", "value", "reason",
                            "occurredAt", "extra");
                });
        assertThatThrownBy(() -> service.record(won("d-5", "\"leadId\":\"" + LEAD.value() + "\"").replace(",\"currency\":\"EUR\"", ""), NOW))
                .isInstanceOfSatisfying(InvalidOutcomeException.class, e -> assertThat(e.errors()).containsKey("currency"));
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void record_whenBodyMalformedDuplicatedOrOversized_answers400Or413() {
        assertThatThrownBy(() -> service.record("{\"outcome\":\"won\",\"outcome\":\"lost\"}", NOW))
                .isInstanceOfSatisfying(InvalidOutcomeException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> service.record("[1]", NOW))
                .isInstanceOfSatisfying(InvalidOutcomeException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> service.record("", NOW))
                .isInstanceOfSatisfying(InvalidOutcomeException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> service.record("{\"reason\":\"" + "x".repeat(OutcomeReport.MAX_BYTES) + "\"}", NOW))
                .isInstanceOfSatisfying(InvalidOutcomeException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    private LeadMove queuedMove() {
        return Json.read(activityQueue.bodies().getFirst(), LeadMove.class);
    }

    @Test
    void record_whenWon_queuesAMoveToCustomerKeyedByTheEventId() throws Exception {
        OutcomeIngestionService.Result result = service.record(won("deal-9912", "\"leadId\":\"" + LEAD.value() + "\""), NOW);

        assertThat(activityQueue.bodies()).singleElement().asString().contains("\"kind\":\"lead-move\"");
        assertThat(queuedMove()).isEqualTo(LeadMove.ifAllowed("move-" + result.eventId(), LEAD, LeadState.CUSTOMER,
                "won (reported by crm)", Instant.parse("2026-11-23T09:00:00Z")));
    }

    @Test
    void record_whenLost_queuesAMoveToReMarketWithTheReason() throws Exception {
        service.record("{\"source\":\"crm\",\"externalId\":\"d-2\",\"leadId\":\"" + LEAD.value()
                + "\",\"outcome\":\"lost\",\"reason\":\"chose a competitor\"}", NOW);

        LeadMove move = queuedMove();
        assertThat(move.to()).isEqualTo(LeadState.RE_MARKET);
        assertThat(move.reason()).isEqualTo("chose a competitor");
        assertThat(move.skipsWhenForbidden()).isTrue();
        assertThat(move.requestedAt()).isEqualTo(NOW);
    }

    @Test
    void record_whenDisqualified_queuesAMoveToDisqualifiedWithTheReason() throws Exception {
        service.record("{\"source\":\"call-centre\",\"externalId\":\"c-7\","
                + "\"email\":\"ada@example.com\",\"outcome\":\"disqualified\",\"reason\":\"student, no budget\"}", NOW);

        assertThat(queuedMove().to()).isEqualTo(LeadState.DISQUALIFIED);
        assertThat(queuedMove().reason()).isEqualTo("student, no budget");
    }

    @Test
    void record_whenRepeated_queuesTheMoveOnce() throws Exception {
        String body = won("deal-1", "\"leadId\":\"" + LEAD.value() + "\"");
        service.record(body, NOW);
        service.record(body, NOW.plusSeconds(5));

        assertThat(activityQueue.bodies()).hasSize(1);
    }

    @Test
    void record_whenTheActivityQueueIsDown_answers503PublishesNothingAndARetryQueuesAndPublishes() throws Exception {
        activityQueue.failNextCallWith(new QueueUnavailableException("down", null));
        String body = won("deal-3", "\"leadId\":\"" + LEAD.value() + "\"");

        OutcomeIngestionService.Result failed = service.record(body, NOW);
        OutcomeIngestionService.Result retried = service.record(body, NOW.plusSeconds(1));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(bus.published()).hasSize(1);
        assertThat(activityQueue.bodies()).hasSize(1);
    }

    @Test
    void record_whenTheBusIsDownAfterTheMoveWasQueued_aRetryQueuesTheSameMoveId() throws Exception {
        bus.failNextCallWith(new EventPublishException("down", null));
        String body = won("deal-4", "\"leadId\":\"" + LEAD.value() + "\"");

        assertThat(service.record(body, NOW).status()).isEqualTo(503);
        assertThat(service.record(body, NOW.plusSeconds(1)).status()).isEqualTo(202);

        assertThat(activityQueue.bodies()).hasSize(2);
        assertThat(activityQueue.bodies().get(0)).isEqualTo(activityQueue.bodies().get(1));
    }
}
