package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.aws.AwsClients;
import dev.lem.drip.DripService;
import dev.lem.drip.lambda.DripHandler;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.journey.Enrolment;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.RoutingService;
import dev.lem.routing.lambda.RouterHandler;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Journeys end to end through the real router and drip handlers: DynamoDB Local for leads, journeys and
 * enrolments, ElasticMQ for the notify queue, the Scheduler API on the wire. A timer's firing is simulated by
 * handing drip exactly the {@code Target.Input} the router sent to CreateSchedule.
 */
@ExtendWith(AwsEnginesExtension.class)
class JourneyFlowIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String DRIP_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip:live";
    private static final String ROLE = "arn:aws:iam::000000000000:role/lem-scheduler";
    private static final String DLQ = "arn:aws:sqs:eu-west-1:000000000000:lem-scheduler-dlq";

    private final AwsEngines engines;
    private final WireCapture wire;
    private final String table;
    private final QueueUrls notify;
    private final QueueUrls activity;
    private final SchedulerClient schedulerClient;
    private final DynamoDbLeadStore leads;

    JourneyFlowIT(AwsEngines engines, WireCapture wire) {
        this.engines = engines;
        this.wire = wire;
        wire.reset();
        this.table = engines.createTable();
        var queues = engines.createQueues();
        this.notify = queues.get(QueueDefinition.NOTIFY);
        this.activity = queues.get(QueueDefinition.ACTIVITY);
        this.schedulerClient = AwsClients.scheduler(wire.awsConfig());
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
    }

    @AfterEach
    void close() {
        schedulerClient.close();
        wire.reset();
    }

    private JourneyRuntime runtime(Instant now) {
        return JourneyRuntime.create(engines.dynamoDb(), table, new SqsMessageQueue(engines.sqs(), notify.url()),
                new SqsMessageQueue(engines.sqs(), activity.url()),
                new EventBridgeStepScheduler(schedulerClient, "lem-timers", DRIP_ARN, ROLE, Optional.of(DLQ)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private RouterHandler router(Instant now) {
        JourneyRuntime journeys = runtime(now);
        return new RouterHandler(new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), Clock.fixed(now, ZoneOffset.UTC)));
    }

    private DripHandler drip(Instant now) {
        JourneyRuntime journeys = runtime(now);
        return new DripHandler(new DripService(journeys.catalog(), journeys.enrolments(), journeys.leads(), journeys.runner(),
                Clock.fixed(now, ZoneOffset.UTC)));
    }

    private LeadId storedLead() {
        LeadId id = new LeadId(UUID.randomUUID().toString());
        leads.create(new Lead(id, "hash-" + id.value(), null, Map.of(), LeadState.LEAD, NOW, 10, Map.of(), NOW, NOW, 0));
        return id;
    }

    @Test
    void leadCaptured_flowsThroughRouterSchedulerAndDripToTheNotifyQueue_andDuplicatesAndStaleFiringsDoNothing() throws Exception {
        LeadId lead = storedLead();
        RouterHandler router = router(NOW);
        LemEvent captured = new LeadCaptured("capture-1", NOW, lead.value(), "demo", true, "lead", true);

        invoke(router, envelope(captured));

        // the welcome now, the two-day timer on the Scheduler wire
        assertThat(receive(1)).singleElement().satisfies(m -> assertThat(m.messageId()).isEqualTo("welcome.1." + lead.value()));
        CapturedRequest create = wire.requests(Service.SCHEDULER).getFirst();
        assertThat(wire.requests(Service.SCHEDULER)).hasSize(1);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.url()).isEqualTo("/schedules/welcome-3-" + lead.value());
        JsonNode request = create.json();
        assertThat(request.get("ScheduleExpression").asText()).isEqualTo("at(2026-11-25T10:15:30)");
        assertThat(request.get("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        assertThat(request.get("GroupName").asText()).isEqualTo("lem-timers");
        assertThat(request.at("/Target/Arn").asText()).isEqualTo(DRIP_ARN);
        assertThat(request.at("/Target/DeadLetterConfig/Arn").asText()).isEqualTo(DLQ);
        assertThat(request.at("/Target/RetryPolicy/MaximumRetryAttempts").asInt()).isEqualTo(10);
        String timerInput = request.at("/Target/Input").asText();

        // the same event again: enrolled once, nothing sent or scheduled again
        invoke(router, envelope(captured));
        assertThat(receive(0)).isEmpty();
        assertThat(wire.requests(Service.SCHEDULER)).hasSize(1);
        assertThat(enrolment(lead, "welcome").seq()).isEqualTo(1);

        // the timer fires two days later: drip sends the follow-up and the journey ends
        DripHandler drip = drip(NOW.plus(Duration.ofDays(2)));
        invoke(drip, timerInput);
        assertThat(receive(1)).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo("welcome.4." + lead.value());
            assertThat(m.template()).isEqualTo("welcome-2");
        });
        assertThat(enrolment(lead, "welcome").status()).isEqualTo(Enrolment.Status.EXITED);

        // Scheduler delivers the same firing again (at-least-once): stale, nothing more
        invoke(drip, timerInput);
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void goalEvent_cancelsThePendingScheduleOnTheWire_andItsLateFiringDoesNothing() throws Exception {
        String document = """
                {"schemaVersion":1,"id":"trial","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "goal":{"event":{"source":["lem"],"detail-type":["lead.state-changed"],"detail":{"to":["customer"]}}},
                 "steps":[{"id":"day1","type":"wait","duration":"P1D"},
                          {"id":"tips","type":"send","channel":"email","template":"trial-tips"}]}""";
        JourneyParser parser = JourneyParser.create();
        Journey trial = parser.parse(document);
        new DynamoDbJourneyStore(engines.dynamoDb(), table, parser).deploy(trial, document);
        LeadId lead = storedLead();
        RouterHandler router = router(NOW);

        invoke(router, envelope(new CampaignTrigger("trigger-1", NOW, "trial", lead.value(), Map.of())));
        String timerInput = wire.requests(Service.SCHEDULER).getFirst().json().at("/Target/Input").asText();
        invoke(router, envelope(new LeadStateChanged("state-1", NOW, lead.value(), "sql", "customer", "won", false)));

        List<CapturedRequest> calls = wire.requests(Service.SCHEDULER);
        assertThat(calls).extracting(CapturedRequest::method).containsExactly("POST", "DELETE");
        assertThat(calls.get(1).url()).startsWith("/schedules/trial-1-" + lead.value()).contains("groupName=lem-timers");
        assertThat(enrolment(lead, "trial").status()).isEqualTo(Enrolment.Status.GOAL);

        invoke(drip(NOW.plus(Duration.ofDays(1))), timerInput);
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void campaignTriggerWithAnAudience_fansOutThroughTheAudienceQueueAndEnrolsEveryLeadOnce() throws Exception {
        String document = """
                {"schemaVersion":1,"id":"promo","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"offer","type":"send","channel":"email","template":"promo","data":{"offer":"$event.attributes.offer"}}]}""";
        JourneyParser parser = JourneyParser.create();
        new DynamoDbJourneyStore(engines.dynamoDb(), table, parser).deploy(parser.parse(document), document);
        List<String> audience = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            audience.add(storedLead().value());
        }
        QueueUrls audienceQueue = engines.createQueues("audience-" + UUID.randomUUID().toString().substring(0, 8) + "-")
                .get(QueueDefinition.AUDIENCE);
        JourneyRuntime journeys = runtime(NOW);
        var queue = new SqsMessageQueue(engines.sqs(), audienceQueue.url());
        RoutingService routing = new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), Clock.fixed(NOW, ZoneOffset.UTC), new dev.lem.routing.AudienceFanOut(queue));
        RouterHandler router = new RouterHandler(new RouterHandler.Services(routing, Optional.of(new dev.lem.routing.AudienceService(
                routing, new dev.lem.store.DynamoDbLeadSegments(engines.dynamoDb(), table), journeys.leads(), queue,
                new dev.lem.store.DynamoDbIdempotencyStore(engines.dynamoDb(), table), Clock.fixed(NOW, ZoneOffset.UTC)))));
        var consumer = new dev.lem.local.queue.StreamHandlerConsumer(router);

        invoke(router, envelope(new CampaignTrigger("promo-2026", NOW, "promo", null, Map.of("offer", "bf"),
                new CampaignTrigger.Audience(audience, null))));
        List<Message> batches = new ArrayList<>();
        for (int poll = 0; poll < 10 && batches.size() < 2; poll++) {
            batches.addAll(engines.sqs().receiveMessage(r -> r.queueUrl(audienceQueue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
        }
        assertThat(batches).hasSize(2);
        com.amazonaws.services.lambda.runtime.events.SQSEvent event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        event.setRecords(batches.stream().map(m -> {
            var record = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setBody(m.body());
            return record;
        }).toList());

        assertThat(consumer.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(consumer.handleRequest(event, null).getBatchItemFailures()).as("redelivered").isEmpty();

        List<NotifyMessage> sent = receive(150);
        assertThat(sent).hasSize(150).allSatisfy(m -> assertThat(m.data()).containsEntry("offer", "bf"));
        assertThat(sent).extracting(m -> m.leadId().value()).containsExactlyInAnyOrderElementsOf(audience);
        assertThat(receive(0)).isEmpty();
        for (String lead : audience) {
            assertThat(enrolment(new LeadId(lead), "promo").trigger()).isEqualTo("promo-2026");
        }
    }

    @Test
    void campaignTriggerWithASegment_whenEveryPageMessageIsDeliveredTwice_enrolsEachLeadOnceAndWalksEachPageOnce()
            throws Exception {
        String document = """
                {"schemaVersion":1,"id":"segment-promo","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"offer","type":"send","channel":"email","template":"promo"}]}""";
        JourneyParser parser = JourneyParser.create();
        new DynamoDbJourneyStore(engines.dynamoDb(), table, parser).deploy(parser.parse(document), document);
        List<String> segment = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            segment.add(storedLead().value());
        }
        QueueUrls audienceQueue = engines.createQueues("segment-" + UUID.randomUUID().toString().substring(0, 8) + "-")
                .get(QueueDefinition.AUDIENCE);
        JourneyRuntime journeys = runtime(NOW);
        var queue = new SqsMessageQueue(engines.sqs(), audienceQueue.url());
        RoutingService routing = new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), Clock.fixed(NOW, ZoneOffset.UTC), new dev.lem.routing.AudienceFanOut(queue));
        var consumer = new dev.lem.local.queue.StreamHandlerConsumer(new RouterHandler(new RouterHandler.Services(routing,
                Optional.of(new dev.lem.routing.AudienceService(routing,
                        new dev.lem.store.DynamoDbLeadSegments(engines.dynamoDb(), table), journeys.leads(), queue,
                        new dev.lem.store.DynamoDbIdempotencyStore(engines.dynamoDb(), table), Clock.fixed(NOW, ZoneOffset.UTC))))));

        routing.route(new CampaignTrigger("segment-2026", NOW, "segment-promo", null, Map.of(),
                new CampaignTrigger.Audience(List.of(), new CampaignTrigger.Segment("lead", null))));
        List<String> pages = new ArrayList<>();
        for (int poll = 0; poll < 30; poll++) {
            List<Message> received = engines.sqs().receiveMessage(r -> r.queueUrl(audienceQueue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (received.isEmpty() && poll > 3) {
                break;
            }
            for (Message page : received) {
                pages.add(Json.tree(page.body()).path("cursor").asText("first"));
                com.amazonaws.services.lambda.runtime.events.SQSEvent twice = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
                twice.setRecords(List.of(record(page), record(page)));
                // one batch holding the page twice (a redelivery), then the same batch again
                assertThat(consumer.handleRequest(twice, null).getBatchItemFailures()).isEmpty();
                assertThat(consumer.handleRequest(twice, null).getBatchItemFailures()).isEmpty();
                engines.sqs().deleteMessage(r -> r.queueUrl(audienceQueue.url()).receiptHandle(page.receiptHandle()));
            }
        }

        assertThat(pages).hasSize(3).doesNotHaveDuplicates().startsWith("first");
        List<NotifyMessage> sent = receive(230);
        assertThat(sent).extracting(m -> m.leadId().value()).containsExactlyInAnyOrderElementsOf(segment);
        assertThat(receive(0)).isEmpty();
        for (String lead : segment) {
            assertThat(enrolment(new LeadId(lead), "segment-promo").trigger()).isEqualTo("segment-2026");
        }
    }

    private static com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage record(Message message) {
        var record = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setBody(message.body());
        return record;
    }

    private Enrolment enrolment(LeadId lead, String journeyId) {
        return runtime(NOW).enrolments().find(lead, journeyId).orElseThrow();
    }

    private static String envelope(LemEvent event) {
        ObjectNode envelope = Json.mapper().createObjectNode()
                .put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", event.detailType().wireName()).put("source", event.detailType().source())
                .put("account", "000000000000").put("time", NOW.toString()).put("region", "eu-west-1");
        envelope.putArray("resources");
        envelope.set("detail", Json.mapper().valueToTree(event));
        return Json.write(envelope);
    }

    private static void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String payload) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    /** Receives (and deletes) what is on the notify queue; waits a little for {@code expected} messages. */
    private List<NotifyMessage> receive(int expected) {
        List<Message> messages = new ArrayList<>();
        for (int poll = 0; poll < (expected == 0 ? 1 : 10 + expected / 5) && messages.size() < Math.max(expected, 1); poll++) {
            messages.addAll(engines.sqs().receiveMessage(r -> r.queueUrl(notify.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
        }
        messages.forEach(m -> engines.sqs().deleteMessage(r -> r.queueUrl(notify.url()).receiptHandle(m.receiptHandle())));
        return messages.stream().map(m -> Json.read(m.body(), NotifyMessage.class)).toList();
    }
}
