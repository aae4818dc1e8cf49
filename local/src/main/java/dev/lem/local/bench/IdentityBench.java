package dev.lem.local.bench;

import dev.lem.capture.activities.ActivityIngestionService;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.VisitorActivity;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.scoring.ScoringService;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The identity paths against DynamoDB Local and ElasticMQ (in this JVM, over HTTP on 127.0.0.1): merging a visitor's
 * stored hits into its lead (the real {@link ScoringService} and {@link VisitorTimeline}, the bus faked), and a
 * {@code POST /activities} batch of 100 items (the real {@link ActivityIngestionService}: lead lookup by email hash,
 * claim, SQS send per item). Sizes the activity consumer's and the activities function's timeouts.
 */
final class IdentityBench {

    private IdentityBench() {}

    static List<Latencies> run(int visitors, int hitsPerVisitor, int batches) {
        SecureRandom random = new SecureRandom();
        byte[] identityKey = new byte[32];
        random.nextBytes(identityKey);
        IdentityHasher identity = new IdentityHasher(identityKey);
        try (AwsEngines engines = AwsEngines.start()) {
            String table = engines.createTable();
            var dynamo = engines.dynamoDb();
            DynamoDbLeadStore leads = new DynamoDbLeadStore(dynamo, table);
            ScoringService scoring = new ScoringService(leads, new dev.lem.store.DynamoDbLeadStandingStore(dynamo, table), new RecordingEventBus(),
                    new dev.lem.testing.fakes.RecordingStepScheduler(), dev.lem.scoring.rules.ScoreModels.defaults(),
                    dev.lem.scoring.SlaPolicy.DEFAULT, java.time.Clock.systemUTC(),
                    new VisitorTimeline(new DynamoDbVisitorStore(dynamo, table)));
            int warmUp = Math.max(2, visitors / 5);
            long[] merges = new long[visitors];
            long start = System.nanoTime();
            for (int v = -warmUp; v < visitors; v++) {
                Lead lead = lead(leads, identity, "merge-" + v);
                String vid = visitorId(random);
                Instant first = Instant.now().minusSeconds(86_400);
                for (int h = 0; h < hitsPerVisitor; h++) {
                    scoring.handle(Json.write(VisitorActivity.of("hit-" + v + "-" + h, vid, "page.view",
                            first.plusSeconds(h), Map.of("page", "www.example.com/p" + h))));
                }
                long t0 = System.nanoTime();
                scoring.handle(Json.write(VisitorLink.of("link-" + v, vid, lead.id(), Instant.now())));
                if (v >= 0) {
                    merges[v] = System.nanoTime() - t0;
                }
            }
            Latencies merge = new Latencies("visitor merge of " + hitsPerVisitor + " hits (DynamoDB Local)", merges,
                    System.nanoTime() - start);

            String queueUrl = engines.createQueues().get(QueueDefinition.ACTIVITY).url();
            ActivityIngestionService ingestion = new ActivityIngestionService(leads, identity,
                    new DynamoDbIdempotencyStore(dynamo, table), new SqsMessageQueue(engines.sqs(), queueUrl));
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                emails.add(lead(leads, identity, "offline-" + i).email().value());
            }
            int warmBatches = Math.max(1, batches / 5);
            long[] posts = new long[batches];
            start = System.nanoTime();
            for (int b = -warmBatches; b < batches; b++) {
                String body = batch(b, emails);
                long t0 = System.nanoTime();
                var result = ingestion.ingest(body, Instant.now());
                if (b >= 0) {
                    posts[b] = System.nanoTime() - t0;
                }
                if (result.count("accepted") != emails.size()) {
                    throw new IllegalStateException("batch " + b + " not fully accepted");
                }
                engines.sqs().purgeQueue(p -> p.queueUrl(queueUrl));
            }
            Latencies activities = new Latencies("POST /activities, 100 items (DynamoDB Local + ElasticMQ)", posts,
                    System.nanoTime() - start);
            return List.of(merge, activities);
        } catch (dev.lem.capture.activities.ActivityBatch.InvalidBatchException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Lead lead(DynamoDbLeadStore leads, IdentityHasher identity, String who) {
        EmailAddress email = EmailAddress.parse(who + "-" + System.nanoTime() + "@bench.example.com").orElseThrow();
        Instant now = Instant.now();
        Lead lead = new Lead(LeadId.random(), identity.hash(email), email, Map.of(), LeadState.LEAD, now, 0, Map.of(),
                now, now, 0);
        leads.create(lead);
        return lead;
    }

    private static String visitorId(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String batch(int b, List<String> emails) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < emails.size(); i++) {
            items.append(i == 0 ? "" : ",").append("{\"source\":\"bench\",\"externalId\":\"b").append(b).append('-')
                    .append(i).append("\",\"type\":\"offline.call\",\"occurredAt\":\"")
                    .append(Instant.now().minusSeconds(60)).append("\",\"email\":\"").append(emails.get(i))
                    .append("\",\"attributes\":{\"outcome\":\"callback\"}}");
        }
        return "{\"items\":[" + items + "]}";
    }
}
