package dev.lem.local.bench;

import dev.lem.events.CampaignTrigger;
import dev.lem.journey.AudienceBatch;
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
import dev.lem.routing.AudienceFanOut;
import dev.lem.routing.AudienceService;
import dev.lem.routing.RoutingService;
import dev.lem.schedule.StepScheduler;
import dev.lem.store.DynamoDbEnrolmentStore;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbLeadSegments;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.testing.AwsEngines;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A {@code campaign.trigger} for N leads against DynamoDB Local and ElasticMQ (in this JVM): the real router
 * fans the audience out to the audience queue, the batches are received from ElasticMQ and enrolled by the real
 * {@link AudienceService} (each batch handed over twice, as an at-least-once queue may), and every notify
 * message is read back. Prints throughput and whether any enrolment was lost or doubled.
 */
final class CampaignBench {

    private static final String JOURNEY = """
            {"schemaVersion":1,"id":"bench-promo","version":1,
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "steps":[{"id":"offer","type":"send","channel":"email","template":"promo","data":{"offer":"$event.attributes.offer"}}]}""";

    private CampaignBench() {}

    /** What the run found; {@code lost} and {@code doubled} must be 0. */
    record Result(int leads, long fanOutMillis, long enrolMillis, int enrolments, int messages, int lost, int doubled) {
        String row() {
            return String.format(Locale.ROOT, "campaign.trigger %d leads: fan-out %d ms, enrol %d ms (%.0f leads/s); "
                            + "enrolments %d, messages %d, lost %d, doubled %d", leads, fanOutMillis, enrolMillis,
                    leads * 1000.0 / Math.max(1, enrolMillis), enrolments, messages, lost, doubled);
        }
    }

    static Result run(int leads, PrintStream out) {
        try (AwsEngines engines = AwsEngines.start()) {
            String table = engines.createTable();
            Map<QueueDefinition, QueueUrls> queues = engines.createQueues("bench-");
            var dynamo = engines.dynamoDb();
            var sqs = engines.sqs();
            JourneyParser parser = JourneyParser.create();
            new DynamoDbJourneyStore(dynamo, table, parser).deploy(parser.parse(JOURNEY), JOURNEY);
            DynamoDbLeadStore leadStore = new DynamoDbLeadStore(dynamo, table);
            List<String> audience = new ArrayList<>();
            Instant now = Instant.now();
            out.printf(Locale.ROOT, "campaign: storing %d leads…%n", leads);
            for (int i = 0; i < leads; i++) {
                LeadId id = new LeadId(UUID.randomUUID().toString());
                leadStore.create(new Lead(id, "bench-" + id.value(), null, Map.of(), LeadState.LEAD, now, 0, Map.of(), now, now, 0));
                audience.add(id.value());
            }
            var notify = new SqsMessageQueue(sqs, queues.get(QueueDefinition.NOTIFY).url());
            String audienceUrl = queues.get(QueueDefinition.AUDIENCE).url();
            var audienceQueue = new SqsMessageQueue(sqs, audienceUrl);
            StepScheduler noTimers = new StepScheduler() {
                @Override
                public void scheduleOnce(String name, Instant at, String payloadJson) {
                    throw new IllegalStateException("the bench journey has no wait");
                }

                @Override
                public void cancel(String name) {
                }
            };
            JourneyRuntime journeys = JourneyRuntime.create(dynamo, table, notify, body -> {
                throw new IllegalStateException("the bench journey has no update step");
            }, noTimers, Clock.systemUTC());
            RoutingService routing = new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                    journeys.runner(), Clock.systemUTC(), new AudienceFanOut(audienceQueue));
            AudienceService enrol = new AudienceService(routing, new DynamoDbLeadSegments(dynamo, table), journeys.leads(),
                    audienceQueue, new dev.lem.store.DynamoDbIdempotencyStore(dynamo, table), Clock.systemUTC());

            out.println("campaign: trigger → fan-out…");
            long t0 = System.nanoTime();
            routing.route(new CampaignTrigger("bench-" + UUID.randomUUID(), now, "bench-promo", null, Map.of("offer", "bench"),
                    new CampaignTrigger.Audience(audience, null)));
            long fanOut = (System.nanoTime() - t0) / 1_000_000;
            out.println("campaign: enrolling from the audience queue…");
            long t1 = System.nanoTime();
            int batches = 0;
            int expectedBatches = (leads + AudienceBatch.MAX_LEADS - 1) / AudienceBatch.MAX_LEADS;
            int emptyPolls = 0;
            while (batches < expectedBatches && emptyPolls < 5) {
                List<Message> received = sqs.receiveMessage(r -> r.queueUrl(audienceUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                emptyPolls = received.isEmpty() ? emptyPolls + 1 : 0;
                for (Message message : received) {
                    AudienceBatch batch = Json.read(message.body(), AudienceBatch.class);
                    enrol.process(batch);
                    if (batches % 10 == 0) {
                        enrol.process(batch); // a redelivery: must enrol nobody twice
                    }
                    sqs.deleteMessage(r -> r.queueUrl(audienceUrl).receiptHandle(message.receiptHandle()));
                    batches++;
                }
            }
            long enrolMillis = (System.nanoTime() - t1) / 1_000_000;

            out.println("campaign: checking enrolments and messages…");
            DynamoDbEnrolmentStore enrolments = new DynamoDbEnrolmentStore(dynamo, table);
            int enrolled = 0;
            for (String lead : audience) {
                enrolled += enrolments.find(new LeadId(lead), "bench-promo").isPresent() ? 1 : 0;
            }
            Set<String> leadsMessaged = new HashSet<>();
            int messages = 0;
            int doubled = 0;
            String notifyUrl = queues.get(QueueDefinition.NOTIFY).url();
            emptyPolls = 0;
            while (emptyPolls < 3) {
                List<Message> received = sqs.receiveMessage(r -> r.queueUrl(notifyUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                emptyPolls = received.isEmpty() ? emptyPolls + 1 : 0;
                for (Message message : received) {
                    messages++;
                    if (!leadsMessaged.add(Json.read(message.body(), NotifyMessage.class).leadId().value())) {
                        doubled++;
                    }
                    sqs.deleteMessage(r -> r.queueUrl(notifyUrl).receiptHandle(message.receiptHandle()));
                }
            }
            return new Result(leads, fanOut, enrolMillis, enrolled, messages, leads - leadsMessaged.size(), doubled);
        }
    }
}
