package dev.lem.local.bench.jmh;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
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
import dev.lem.testing.fakes.InMemoryVisitorStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.visitor.VisitorTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scoring handler on an SQS batch of 10 activity messages (page views, email opens and clicks, time on page,
 * form submissions) for 1 000 leads: parse, re-evaluate each lead from its activity log under every shipped model,
 * decay, explanation, thresholds, timers; in-memory stores, bus and scheduler. One operation is one batch (10 leads
 * scored); building the batch's JSON is part of it.
 */
@State(Scope.Thread)
public class ScoringBatchBenchmark {

    static final int BATCH = 10;
    private static final int LEADS = 1_000;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private ScoringHandler handler;
    private List<LeadId> ids;
    private long next;

    @Setup(Level.Iteration)
    public void setUp() {
        // each invocation still builds its EMF line (measured); only Lambda's write of it to stdout is left out
        dev.lem.lambda.InvocationMetering.sendTo(line -> { });
        InMemoryLeadStore leads = new InMemoryLeadStore();
        ids = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            LeadId id = LeadId.random();
            ids.add(id);
            leads.put(new Lead(id, "h" + i, new EmailAddress("lead" + i + "@acme.example"),
                    Map.of("jobTitle", i % 3 == 0 ? "VP Marketing" : "Engineer", "country", "DE", "companySize", "250"),
                    LeadState.LEAD, START, 0, Map.of(), START, START, 1));
        }
        next = 0;
        // activities are a second apart from START; the clock stands after any one iteration can reach
        handler = new ScoringHandler(new ScoringService(leads, new InMemoryLeadStandingStore(leads),
                new RecordingEventBus(), new RecordingStepScheduler(), ScoreModels.defaults(), SlaPolicy.DEFAULT,
                Clock.fixed(START.plus(Duration.ofDays(30)), ZoneOffset.UTC),
                new VisitorTimeline(new InMemoryVisitorStore())));
    }

    @Benchmark
    public SQSBatchResponse scoreBatch() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(BATCH);
        for (int m = 0; m < BATCH; m++) {
            long n = next++;
            LeadId lead = ids.get((int) (n % LEADS));
            Instant at = START.plus(Duration.ofSeconds(n));
            String id = "a-" + n;
            Activity activity = switch ((int) (n % 6)) {
                case 0 -> new Activity(id, lead, "page.view", at, Map.of("page", "acme.example/pricing"));
                case 1 -> new Activity(id, lead, "email.open", at, Map.of("messageId", "m-" + n));
                case 2 -> new Activity(id, lead, "email.click", at, Map.of("url", "acme.example/blog"));
                case 3 -> new Activity(id, lead, "page.view", at, Map.of("page", "acme.example/analytics"));
                case 4 -> new Activity(id, lead, "page.time-on-page", at, Map.of("seconds", "95"));
                default -> new Activity(id, lead, "form.submitted", at, Map.of("formId", "demo"));
            };
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + n);
            message.setBody(Json.write(activity));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        SQSBatchResponse response = handler.handleRequest(event, null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("scoring failed " + response.getBatchItemFailures().size() + " records");
        }
        return response;
    }
}
