package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.capture.lambda.FormCaptureHandler;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.links.LinkSigner;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import dev.lem.visitor.VisitorTimeline;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Identity merge through the real handlers on DynamoDB Local and ElasticMQ: lem.js beacons of an anonymous visitor,
 * then a form post carrying its {@code lem_vid} cookie, then another beacon; every hop passes what the previous one
 * actually queued.
 */
@ExtendWith(AwsEnginesExtension.class)
class VisitorMergeIT {

    private static final String SITE = "https://www.example.com";
    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final FormTokens FORM_TOKENS = new FormTokens(
            "form-token-key-for-tests-only-32-bytes".getBytes(StandardCharsets.UTF_8), new SecureRandom());
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final AwsEngines engines;
    private final String table;
    private final QueueUrls activityQueue;
    private final DynamoDbLeadStore leads;
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final TrackingHandler tracking;
    private final FormCaptureHandler formCapture;
    private final ScoringHandler scoring;

    VisitorMergeIT(AwsEngines engines) {
        this.engines = engines;
        this.table = engines.createTable();
        this.activityQueue = engines.createQueues().get(QueueDefinition.ACTIVITY);
        var dynamo = engines.dynamoDb();
        this.leads = new DynamoDbLeadStore(dynamo, table);
        DynamoDbFormStore forms = new DynamoDbFormStore(dynamo, table);
        forms.save(FormDefinition.demo(SITE + "/thanks", List.of(SITE)));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var queue = new SqsMessageQueue(engines.sqs(), activityQueue.url());
        IdentityHasher identity = new IdentityHasher(IDENTITY_KEY);
        RecordingEventBus bus = new RecordingEventBus();
        tracking = new TrackingHandler(new TrackingService(new LinkSigner(new byte[32]), queue), Set.of(SITE), clock);
        formCapture = new FormCaptureHandler(new FormCaptureService(forms, leads, identity, bus, queue,
                new SpamDefence(FORM_TOKENS, new DynamoDbSpamDefenceStore(dynamo, table), identity, Optional.empty()),
                new DynamoDbCaptureIdempotencyStore(dynamo, table)), clock);
        scoring = new ScoringHandler(new ScoringService(leads, new dev.lem.store.DynamoDbLeadStandingStore(dynamo, table), bus,
                new dev.lem.testing.fakes.RecordingStepScheduler(), dev.lem.scoring.rules.ScoreModels.defaults(),
                dev.lem.scoring.SlaPolicy.DEFAULT, clock,
                new VisitorTimeline(new DynamoDbVisitorStore(dynamo, table))));
    }

    @Test
    void visitorHitsBeforeAndAfterASubmission_allEndUpOnTheLeadsTimelineOnce() {
        beacon("/pricing", T0);
        beacon("/features", T0.plusSeconds(120));
        SQSEvent anonymous = receiveAll(2);
        assertThat(scoring.handleRequest(anonymous, null).getBatchItemFailures()).isEmpty();
        assertThat(visitorItems()).hasSize(2);

        now.set(T0.plusSeconds(300));
        assertThat(formCapture.handleRequest(formPost("email=ada%40example.com&name=Ada"), null).getStatusCode())
                .isEqualTo(303);
        SQSEvent submitted = receiveAll(2);
        assertThat(submitted.getRecords()).extracting(SQSEvent.SQSMessage::getBody)
                .anySatisfy(b -> assertThat(b).contains("\"kind\":\"visitor-link\""));
        assertThat(scoring.handleRequest(submitted, null).getBatchItemFailures()).isEmpty();
        Lead lead = leads.findByEmailHash(new IdentityHasher(IDENTITY_KEY)
                .hash(EmailAddress.parse("ada@example.com").orElseThrow())).orElseThrow();
        assertThat(timelineTypes(lead)).containsExactly("page.view", "page.view", "form.submitted");
        assertThat(visitorItems()).isEmpty();

        now.set(T0.plusSeconds(600));
        beacon("/demo", T0.plusSeconds(600));
        assertThat(scoring.handleRequest(receiveAll(1), null).getBatchItemFailures()).isEmpty();
        // at-least-once: the whole history delivered again changes nothing
        assertThat(scoring.handleRequest(anonymous, null).getBatchItemFailures()).isEmpty();
        assertThat(scoring.handleRequest(submitted, null).getBatchItemFailures()).isEmpty();

        assertThat(timelineTypes(lead)).containsExactly("page.view", "page.view", "form.submitted", "page.view");
        // default model: form 30, pricing page 25 + page view 2, two more page views 2 each; ten minutes of decay
        // round away (scoring runs on the test's clock: on the wall clock the score would depend on today's date)
        assertThat(leads.find(lead.id()).orElseThrow().score()).isEqualTo(61);
        assertThat(visitorItems()).isEmpty();
    }

    private void beacon(String path, Instant at) {
        now.set(at);
        var response = tracking.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /t/e").withRawPath("/t/e")
                .withHeaders(Map.of("content-type", "text/plain;charset=UTF-8", "origin", SITE))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .withBody(Json.write(Map.of("type", "page.view", "url", SITE + path, "vid", VID)))
                .withIsBase64Encoded(false).build(), null);
        assertThat(response.getStatusCode()).isEqualTo(204);
    }

    private APIGatewayV2HTTPEvent formPost(String body) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /f/{formId}").withRawPath("/f/demo")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded",
                        "x-lem-token", FORM_TOKENS.issue("demo", now.get().minusSeconds(10))))
                .withCookies(List.of("lem_vid=" + VID))
                .withPathParameters(Map.of("formId", "demo")).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(UUID.randomUUID().toString())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withSourceIp("203.0.113.7").build()).build())
                .build();
    }

    private SQSEvent receiveAll(int expected) {
        List<Message> messages = new ArrayList<>();
        for (int poll = 0; poll < 10 && messages.size() < expected; poll++) {
            messages.addAll(engines.sqs().receiveMessage(r -> r.queueUrl(activityQueue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
        }
        assertThat(messages).hasSize(expected);
        messages.forEach(m -> engines.sqs().deleteMessage(d -> d.queueUrl(activityQueue.url()).receiptHandle(m.receiptHandle())));
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setBody(m.body());
            return record;
        }).toList());
        return event;
    }

    private List<String> timelineTypes(Lead lead) {
        return engines.dynamoDb().query(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + lead.id().value()),
                        ":act", AttributeValue.fromS("ACT#"))).consistentRead(true))
                .items().stream().map(item -> item.get("type").s()).toList();
    }

    private List<Map<String, AttributeValue>> visitorItems() {
        return engines.dynamoDb().query(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("VISITOR#" + VID),
                        ":act", AttributeValue.fromS("ACT#"))).consistentRead(true)).items();
    }
}
