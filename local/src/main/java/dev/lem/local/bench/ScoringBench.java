package dev.lem.local.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.testing.fakes.InMemoryVisitorStore;
import dev.lem.visitor.VisitorTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scoring in-process: the real handler and service with the shipped score models, SQS batches of 10 activity
 * messages, in-memory lead/standing stores, bus and scheduler (so what is measured is scoring's own CPU: parsing,
 * re-evaluating each lead from its whole activity log under every model, decay, explanation, thresholds, timers).
 * One thread: the rate is per core. 1 000 leads; their logs grow to tens of activities during the run.
 */
final class ScoringBench {

    static final int BATCH = 10;
    private static final int LEADS = 1_000;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private ScoringBench() {}

    /** @return per-batch latencies; every batch scores {@value #BATCH} leads */
    static Latencies run(int warmUpBatches, int batches) {
        InMemoryLeadStore leads = new InMemoryLeadStore();
        List<LeadId> ids = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            LeadId id = LeadId.random();
            ids.add(id);
            leads.put(new Lead(id, "h" + i, new EmailAddress("lead" + i + "@acme.example"),
                    Map.of("jobTitle", i % 3 == 0 ? "VP Marketing" : "Engineer", "country", "DE", "companySize", "250"),
                    LeadState.LEAD, START, 0, Map.of(), START, START, 1));
        }
        Instant end = START.plus(Duration.ofSeconds((long) (warmUpBatches + batches) * BATCH * 60));
        ScoringHandler handler = new ScoringHandler(new ScoringService(leads, new InMemoryLeadStandingStore(leads),
                new RecordingEventBus(), new RecordingStepScheduler(), ScoreModels.defaults(), SlaPolicy.DEFAULT,
                Clock.fixed(end, ZoneOffset.UTC), new VisitorTimeline(new InMemoryVisitorStore())));
        int[] sequence = {0};
        for (int b = 0; b < warmUpBatches; b++) {
            handle(handler, batch(ids, sequence));
        }
        long[] nanos = new long[batches];
        long wall = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            SQSEvent event = batch(ids, sequence);
            long t0 = System.nanoTime();
            handle(handler, event);
            nanos[b] = System.nanoTime() - t0;
        }
        return new Latencies("scoring: SQS batch of 10 activities (in-memory)", nanos, System.nanoTime() - wall);
    }

    private static void handle(ScoringHandler handler, SQSEvent event) {
        if (!handler.handleRequest(event, null).getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("scoring failed a record during the benchmark");
        }
    }

    private static SQSEvent batch(List<LeadId> ids, int[] sequence) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(BATCH);
        for (int m = 0; m < BATCH; m++) {
            int n = sequence[0]++;
            LeadId lead = ids.get(n % ids.size());
            Instant at = START.plus(Duration.ofSeconds(n * 60L));
            Activity activity = switch (n % 6) {
                case 0 -> new Activity(UUID.randomUUID().toString(), lead, "page.view", at, Map.of("page", "acme.example/pricing"));
                case 1 -> new Activity(UUID.randomUUID().toString(), lead, "email.open", at, Map.of("messageId", "m-" + n));
                case 2 -> new Activity(UUID.randomUUID().toString(), lead, "email.click", at, Map.of("url", "acme.example/blog"));
                case 3 -> new Activity(UUID.randomUUID().toString(), lead, "page.view", at, Map.of("page", "acme.example/analytics"));
                case 4 -> new Activity(UUID.randomUUID().toString(), lead, "page.time-on-page", at, Map.of("seconds", "95"));
                default -> new Activity(UUID.randomUUID().toString(), lead, "form.submitted", at, Map.of("formId", "demo"));
            };
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + n);
            message.setBody(Json.write(activity));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
