package dev.lem.scoring;

import dev.lem.testing.fakes.SettableClock;
import dev.lem.lead.LeadMove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.schedule.ScheduleException;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingEventBus;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** Scoring's timers on the wire: the exact Scheduler requests when a lead enters and leaves MQL/SQL. */
@ExtendWith(AwsEnginesExtension.class)
class ScoringTimersWireIT {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");
    private static final String GROUP = "lem-timers";
    private static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:000000000000:lem-activity";
    private static final String ROLE = "arn:aws:iam::000000000000:role/lem-scheduler";
    private static final String DLQ = "arn:aws:sqs:eu-west-1:000000000000:lem-scheduler-dlq";
    private static final ScoreModels MODELS = ScoreModels.parse("""
            { "models": [ { "name": "m", "version": "m-1", "primary": true, "thresholds": { "mql": 100 }, "fit": [],
              "engagement": [ { "id": "form", "activity": "form.submitted", "points": 120, "halfLife": "P10D" } ] } ] }""",
            "wire");

    private final WireCapture wire;
    private final SchedulerClient client;
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final ScoringService service;

    ScoringTimersWireIT(WireCapture wire) {
        this.wire = wire;
        wire.reset();
        this.client = AwsClients.scheduler(wire.awsConfig());
        leads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED, 1));
        this.service = new ScoringService(leads, new InMemoryLeadStandingStore(leads), new RecordingEventBus(),
                new EventBridgeStepScheduler(client, GROUP, QUEUE_ARN, ROLE, Optional.of(DLQ)), MODELS,
                SlaPolicy.parse("mql=PT48H,sql=PT24H"), new SettableClock(NOW),
                new dev.lem.visitor.VisitorTimeline(new dev.lem.testing.fakes.InMemoryVisitorStore()));
    }

    @AfterEach
    void close() {
        client.close();
        wire.reset();
    }

    private static String path(CapturedRequest r) {
        return URI.create(r.url()).getRawPath();
    }

    @Test
    void enteringMql_createsTheSlaAndDecayTimersTargetingTheActivityQueue() {
        service.apply(new Activity("f-1", LEAD, "form.submitted", NOW, Map.of()));

        List<CapturedRequest> requests = wire.requests(Service.SCHEDULER);
        assertThat(requests).extracting(CapturedRequest::method).containsOnly("POST");
        CapturedRequest sla = requests.stream().filter(r -> path(r).startsWith("/schedules/sla-")).findFirst().orElseThrow();
        assertThat(path(sla)).isEqualTo("/schedules/sla-mql-" + LEAD.value() + "-" + NOW.getEpochSecond());
        JsonNode body = sla.json();
        assertThat(body.path("GroupName").asText()).isEqualTo(GROUP);
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("at(2026-11-25T10:20:00)");
        assertThat(body.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        assertThat(body.path("Target").path("Arn").asText()).isEqualTo(QUEUE_ARN);
        assertThat(body.path("Target").path("RoleArn").asText()).isEqualTo(ROLE);
        assertThat(body.path("Target").path("DeadLetterConfig").path("Arn").asText()).isEqualTo(DLQ);
        assertThat(Json.read(body.path("Target").path("Input").asText(), LeadTimer.class))
                .isEqualTo(LeadTimer.sla(LEAD, LeadState.MQL, NOW));

        CapturedRequest decay = requests.stream().filter(r -> path(r).startsWith("/schedules/decay-")).findFirst().orElseThrow();
        // round(120 × 2^(−t/10d)) < 100 once t > 10d × log2(120/99.5) = 233,509.8 s: the first whole second after
        assertThat(decay.json().path("ScheduleExpression").asText()).isEqualTo("at(2026-11-26T03:11:50)");
        assertThat(Json.read(decay.json().path("Target").path("Input").asText(), LeadTimer.class).purpose())
                .isEqualTo(LeadTimer.Purpose.decay);
    }

    @Test
    void leavingMqlForSql_deletesTheMqlTimersAndCreatesTheSqlSlaTimer() {
        service.apply(new Activity("f-1", LEAD, "form.submitted", NOW, Map.of()));
        wire.reset();

        service.move(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted", NOW));

        List<CapturedRequest> requests = wire.requests(Service.SCHEDULER);
        assertThat(requests).filteredOn(r -> r.method().equals("POST")).singleElement().satisfies(r -> {
            assertThat(path(r)).isEqualTo("/schedules/sla-sql-" + LEAD.value() + "-" + NOW.getEpochSecond());
            assertThat(r.json().path("ScheduleExpression").asText()).isEqualTo("at(2026-11-24T10:20:00)");
        });
        assertThat(requests).filteredOn(r -> r.method().equals("DELETE")).extracting(ScoringTimersWireIT::path)
                .containsExactlyInAnyOrder("/schedules/sla-mql-" + LEAD.value() + "-" + NOW.getEpochSecond(),
                        "/schedules/decay-" + LEAD.value() + "-1795662710");
    }

    @Test
    void enteringMql_whenSchedulerFails_throwsRetryableAndLeavesTheLeadAsItWas() {
        wire.answerWithError(Service.SCHEDULER, 500, "application/json", "{\"Message\":\"internal\"}");

        assertThatThrownBy(() -> service.apply(new Activity("f-1", LEAD, "form.submitted", NOW, Map.of())))
                .isInstanceOfSatisfying(ScheduleException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.LEAD);
        assertThat(leads.timeline()).isEmpty();
    }
}
