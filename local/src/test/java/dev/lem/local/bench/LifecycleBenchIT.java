package dev.lem.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.cost.CostModel;
import dev.lem.cost.PriceTable;
import dev.lem.local.bench.LifecycleBench.LeadUsage;
import dev.lem.local.bench.LifecycleBench.StepUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The small version of {@code lem bench lifecycle}: two leads through the real handlers, and the AWS calls the SDK
 * interceptor counted in each step are exactly the expected ones, the same for both leads (correctness, not time).
 */
class LifecycleBenchIT {

    private static LifecycleBench bench;
    private static LeadUsage first;
    private static LeadUsage second;

    @BeforeAll
    static void runTwoLifecycles() {
        bench = LifecycleBench.start();
        first = bench.lifecycle();
        second = bench.lifecycle();
    }

    @AfterAll
    static void stop() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void lifecycle_whenRunTwice_makesExactlyTheSameCallsInEveryStep() {
        assertThat(first.steps()).extracting(StepUsage::step).containsExactlyElementsOf(LifecycleBench.STEPS);
        for (int i = 0; i < first.steps().size(); i++) {
            assertThat(second.steps().get(i).calls()).as(first.steps().get(i).step()).isEqualTo(first.steps().get(i).calls());
        }
        assertThat(LifecycleBench.sameCalls(first, second)).isTrue();
    }

    /**
     * The calls of one lifecycle, step by step. A change here is a change in what a lead costs: update the figures
     * (and BENCHMARKS.md) deliberately, never to make the test pass.
     */
    @Test
    void lifecycle_whenCounted_callsPerStepAreExactlyTheExpectedOnes() {
        Map<String, Map<String, Long>> byStep = new LinkedHashMap<>();
        first.steps().forEach(s -> byStep.put(s.step(), s.calls()));

        // form-capture (lead, identity, spam defence, idempotency; lead.captured; form-fill activity), the router on
        // lead.captured (welcome and bench-nurture enrolments, the first drip timer), notifications (the welcome email)
        assertThat(byStep.get("capture")).isEqualTo(Map.of("ApiGateway.HttpRequest", 1L, "DynamoDb.GetItem", 8L,
                "DynamoDb.PutItem", 10L, "DynamoDb.Query", 2L, "DynamoDb.TransactWriteItems", 1L, "DynamoDb.UpdateItem", 3L,
                "EventBridge.PutEvents", 2L, "Scheduler.CreateSchedule", 1L, "SesV2.SendEmail", 1L, "Sqs.SendMessage", 2L));
        // tracking: one activity message per hit, nothing else
        assertThat(byStep.get("pixels")).isEqualTo(Map.of("ApiGateway.HttpRequest", 10L, "Sqs.SendMessage", 10L));
        // scoring batches of the 11 activities, and the router on what scoring published
        assertThat(byStep.get("scoring")).isEqualTo(Map.of("DynamoDb.GetItem", 22L, "DynamoDb.Query", 18L,
                "DynamoDb.TransactWriteItems", 11L, "EventBridge.PutEvents", 6L));
        // each drip: the timer's step, the email, the next timer (none after the third)
        Map<String, Long> drip = Map.of("DynamoDb.GetItem", 4L, "DynamoDb.PutItem", 4L, "DynamoDb.UpdateItem", 2L,
                "EventBridge.PutEvents", 1L, "Scheduler.CreateSchedule", 1L, "SesV2.SendEmail", 1L, "Sqs.SendMessage", 1L);
        assertThat(byStep.get("drip-1")).isEqualTo(drip);
        assertThat(byStep.get("drip-2")).isEqualTo(drip);
        Map<String, Long> lastDrip = new java.util.HashMap<>(drip);
        lastDrip.remove("Scheduler.CreateSchedule");
        assertThat(byStep.get("drip-3")).isEqualTo(lastDrip);
        assertThat(first.steps()).extracting(StepUsage::invocations).containsExactly(3, 10, 9, 2, 2, 2);
        assertThat(first.calls()).containsEntry("SesV2.SendEmail", 4L);
        // PutEvents bills per entry: 13 events in 11 calls (the first open of the welcome email is one: reports count it)
        assertThat(first.total().meters()).containsEntry("eventbridge", 13L).containsEntry("ses.email", 4L)
                .containsEntry("dynamodb.read", 62L).containsEntry("dynamodb.write", 43L).containsEntry("sqs", 15L);
    }

    @Test
    void report_whenPriced_showsEveryOperationAndTheCostPerMillionLeads() {
        String report = LifecycleBench.report(first, first.total(), 1, new CostModel(PriceTable.builtIn()));

        assertThat(report).contains("Sqs.SendMessage", "SesV2.SendEmail", "cost per 1,000,000 leads", "total");
    }
}
