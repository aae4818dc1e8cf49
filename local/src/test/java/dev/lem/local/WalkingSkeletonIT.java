package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.aws.AwsClients;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.lambda.FormCaptureHandler;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.events.RuleDefinition;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.notify.NotificationService;
import dev.lem.notify.SendGate;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.Outbound;
import dev.lem.notify.HeldMessages;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.notify.Recipients;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.local.notify.LocalNotifications;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.notify.aws.SesMailer;
import dev.lem.notify.lambda.NotificationsHandler;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.RoutingService;
import dev.lem.routing.lambda.RouterHandler;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.event.ruler.Machine;

/**
 * The walking skeleton, end to end through the real handlers: DynamoDB Local and ElasticMQ for state
 * and queues, wire capture for EventBridge PutEvents, Scheduler and SES, and the shared rule patterns
 * (event-ruler) standing in for the bus. Each hop passes what the previous one actually sent.
 */
@ExtendWith(AwsEnginesExtension.class)
class WalkingSkeletonIT {

    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final FormTokens FORM_TOKENS = new FormTokens(
            "form-token-key-for-tests-only-32-bytes".getBytes(StandardCharsets.UTF_8), new java.security.SecureRandom());
    private static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String MAIL_FROM = "hello@lem.example";
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private final AwsEngines engines;
    private final WireCapture wire;
    private final String table;
    private final Map<QueueDefinition, QueueUrls> queues;
    private final DynamoDbLeadStore leads;

    private FormCaptureHandler formCapture;
    private RouterHandler router;
    private NotificationsHandler notifications;
    private TrackingHandler tracking;
    private ScoringHandler scoring;

    WalkingSkeletonIT(AwsEngines engines, WireCapture wire) {
        this.engines = engines;
        this.wire = wire;
        this.table = engines.createTable();
        this.queues = engines.createQueues();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
    }

    @BeforeEach
    void wireHandlers() {
        wire.reset();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var bus = new EventBridgeEventBus(AwsClients.eventBridge(wire.awsConfig()), "lem");
        var activityQueue = new SqsMessageQueue(engines.sqs(), queues.get(QueueDefinition.ACTIVITY).url());
        var notifyQueue = new SqsMessageQueue(engines.sqs(), queues.get(QueueDefinition.NOTIFY).url());
        var forms = new DynamoDbFormStore(engines.dynamoDb(), table);
        forms.save(FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com")));

        formCapture = new FormCaptureHandler(new FormCaptureService(forms, leads, new IdentityHasher(IDENTITY_KEY), bus,
                activityQueue, new SpamDefence(FORM_TOKENS, new DynamoDbSpamDefenceStore(engines.dynamoDb(), table),
                        new IdentityHasher(IDENTITY_KEY), Optional.empty()),
                new DynamoDbCaptureIdempotencyStore(engines.dynamoDb(), table)), clock);
        JourneyRuntime journeys = JourneyRuntime.create(engines.dynamoDb(), table, notifyQueue, activityQueue,
                new EventBridgeStepScheduler(AwsClients.scheduler(wire.awsConfig()), "lem",
                        "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip:live",
                        "arn:aws:iam::000000000000:role/lem-scheduler"), clock);
        router = new RouterHandler(new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), clock));
        LinkSigner signer = new LinkSigner(TRACKING_KEY);
        URI base = URI.create("https://t.lem.example");
        notifications = new NotificationsHandler(new NotificationService(leads,
                new DynamoDbIdempotencyStore(engines.dynamoDb(), table),
                new SendGate(new Recipients(new IdentityHasher(IDENTITY_KEY)),
                        new DynamoDbSuppressionList(engines.dynamoDb(), table),
                        new DynamoDbFrequencyCaps(engines.dynamoDb(), table), LocalNotifications.POLICY),
                new Outbound(new EmailComposer(new TrackingLinks(signer, base), new UnsubscribeLinks(signer, base),
                        Optional.empty()), new SesMailer(AwsClients.sesV2(wire.awsConfig()), MAIL_FROM, Optional.empty())),
                new HeldMessages(new EventBridgeStepScheduler(AwsClients.scheduler(wire.awsConfig()), "lem",
                        "arn:aws:sqs:eu-west-1:000000000000:lem-notify", "arn:aws:iam::000000000000:role/lem-scheduler"),
                        new DynamoDbLeadErasure(engines.dynamoDb(), table)::rememberTimer),
                bus, clock));
        tracking = new TrackingHandler(new TrackingService(new LinkSigner(TRACKING_KEY), activityQueue), clock);
        scoring = new ScoringHandler(new ScoringService(leads, new DynamoDbLeadStandingStore(engines.dynamoDb(), table), bus,
                new RecordingStepScheduler(), ScoreModels.defaults(), SlaPolicy.DEFAULT, clock,
                new dev.lem.visitor.VisitorTimeline(new dev.lem.store.DynamoDbVisitorStore(engines.dynamoDb(), table))));
    }

    @Test
    void formPost_whenValid_flowsToWelcomeEmailOnTheWireAndPixelToScore() throws Exception {
        APIGatewayV2HTTPResponse response = formCapture.handleRequest(formPost("demo",
                "email=Ada.Lovelace%40Example.COM&name=Ada&company=Analytical&consent_email=on"), null);

        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", "https://www.example.com/thanks");
        Lead lead = leads.findByEmailHash(new IdentityHasher(IDENTITY_KEY)
                .hash(EmailAddress.parse("ada.lovelace@example.com").orElseThrow())).orElseThrow();
        assertThat(lead.profile()).containsEntry("name", "Ada").containsEntry("company", "Analytical");
        assertThat(lead.hasConsent("email")).isTrue();

        // lead.captured on the wire, routed by the shared rule pattern to the router
        List<JsonNode> published = publishedEntries();
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.get("DetailType").asText()).isEqualTo("lead.captured");
            assertThat(e.get("Source").asText()).isEqualTo("lem");
            assertThat(e.get("EventBusName").asText()).isEqualTo("lem");
        });
        deliverToRouter(published.getFirst());

        // the welcome message is on the notify queue, a follow-up timer on the Scheduler wire
        List<CapturedRequest> schedules = wire.requests(Service.SCHEDULER);
        assertThat(schedules).singleElement().satisfies(s -> {
            assertThat(s.url()).startsWith("/schedules/welcome-3-" + lead.id());
            assertThat(s.json().get("ScheduleExpression").asText()).isEqualTo("at(2026-11-25T10:15:30)");
            assertThat(s.json().get("Target").get("Arn").asText()).endsWith("function:lem-drip:live");
        });
        SQSEvent notifyBatch = receive(QueueDefinition.NOTIFY, 1);
        SQSBatchResponse sendResult = notifications.handleRequest(notifyBatch, null);
        assertThat(sendResult.getBatchItemFailures()).isEmpty();

        // SES v2 SendEmail names the right recipient and template
        List<CapturedRequest> emails = wire.requests(Service.SES_V2);
        assertThat(emails).hasSize(1);
        JsonNode email = emails.getFirst().json();
        assertThat(email.get("FromEmailAddress").asText()).isEqualTo(MAIL_FROM);
        assertThat(email.at("/Destination/ToAddresses/0").asText()).isEqualTo("ada.lovelace@example.com");
        assertThat(email.at("/Content/Template/TemplateName").asText()).isEqualTo("welcome");
        JsonNode data = Json.tree(email.at("/Content/Template/TemplateData").asText());
        assertThat(data.get("name").asText()).isEqualTo("Ada");

        // redelivery of the same notify batch sends nothing more
        notifications.handleRequest(notifyBatch, null);
        assertThat(wire.requests(Service.SES_V2)).hasSize(1);

        // the pixel from that email: tracking → activity queue → scoring → score stored
        URI pixel = URI.create(data.get("openPixelUrl").asText());
        assertThat(tracking.handleRequest(pixelHit(pixel), null).getStatusCode()).isEqualTo(200);
        SQSEvent activities = receive(QueueDefinition.ACTIVITY, 2);
        assertThat(scoring.handleRequest(activities, null).getBatchItemFailures()).isEmpty();
        // default score model: form-fill 30 + email-open 3
        assertThat(leads.find(lead.id()).orElseThrow().score()).isEqualTo(33);

        // scoring the same activities again (at-least-once) leaves the score alone
        scoring.handleRequest(activities, null);
        assertThat(leads.find(lead.id()).orElseThrow().score()).isEqualTo(33);
    }

    @Test
    void formPost_whenSameEmailTwice_updatesOneLeadAndWelcomesOnce() throws Exception {
        formCapture.handleRequest(formPost("demo", "email=grace%40example.com&name=Grace"), null);
        formCapture.handleRequest(formPost("demo", "email=GRACE%40example.com&company=Navy"), null);

        List<JsonNode> published = publishedEntries();
        assertThat(published).hasSize(2);
        assertThat(published.stream().map(e -> Json.tree(e.get("Detail").asText()).get("newLead").asBoolean()))
                .containsExactly(true, false);
        published.forEach(this::deliverToRouter);

        SQSEvent notifyBatch = receive(QueueDefinition.NOTIFY, 1);
        assertThat(notifyBatch.getRecords()).hasSize(1);
        Lead lead = leads.findByEmailHash(new IdentityHasher(IDENTITY_KEY)
                .hash(EmailAddress.parse("grace@example.com").orElseThrow())).orElseThrow();
        assertThat(lead.profile()).containsEntry("name", "Grace").containsEntry("company", "Navy");
        // no consent ticked: the welcome is transactional, but no marketing follow-up is scheduled
        assertThat(wire.requests(Service.SCHEDULER)).isEmpty();
    }

    @Test
    void formPost_whenMalformedOrUnknown_answersPrecise4xxAndStoresNothing() {
        assertThat(formCapture.handleRequest(formPost("nope", "email=a%40b.com"), null).getStatusCode()).isEqualTo(404);
        assertThat(formCapture.handleRequest(formPost("demo", "email=%E0%A4%A"), null).getStatusCode()).isEqualTo(400);
        var wrongType = formPost("demo", "email=a@b.com");
        wrongType.getHeaders().put("content-type", "text/plain");
        assertThat(formCapture.handleRequest(wrongType, null).getStatusCode()).isEqualTo(415);
        var json = formPost("demo", "{\"email\": \"not-an-email\"}");
        json.getHeaders().put("content-type", "application/json");
        APIGatewayV2HTTPResponse invalid = formCapture.handleRequest(json, null);
        assertThat(invalid.getStatusCode()).isEqualTo(422);
        assertThat(Json.tree(invalid.getBody()).at("/fields/email").asText()).contains("not a valid email");
        var brokenJson = formPost("demo", "{\"email\": ");
        brokenJson.getHeaders().put("content-type", "application/json");
        assertThat(formCapture.handleRequest(brokenJson, null).getStatusCode()).isEqualTo(400);
        assertThat(formCapture.handleRequest(formPost("demo", "email=a%40b.com&x=" + "y".repeat(17 * 1024)), null)
                .getStatusCode()).isEqualTo(413);

        assertThat(publishedEntries()).isEmpty();
        assertThat(engines.dynamoDb().scan(r -> r.tableName(table)).items())
                .allSatisfy(item -> assertThat(item.get("pk").s()).startsWith("FORM#"));
    }

    @Test
    void pixel_whenSignatureForged_stillAnswers200AndQueuesNothing() {
        String leadId = UUID.randomUUID().toString();
        URI forged = URI.create("https://t.lem.example/t/o.gif?l=" + leadId + "&m=welcome.1." + leadId + "&s=AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(tracking.handleRequest(pixelHit(forged), null).getStatusCode()).isEqualTo(200);
        assertThat(engines.sqs().receiveMessage(r -> r.queueUrl(queues.get(QueueDefinition.ACTIVITY).url())
                .waitTimeSeconds(0)).messages()).isEmpty();
    }

    private List<JsonNode> publishedEntries() {
        List<JsonNode> entries = new ArrayList<>();
        wire.requests(Service.EVENTBRIDGE).forEach(r -> r.json().get("Entries").forEach(entries::add));
        return entries;
    }

    /** What EventBridge would do: wrap the entry in an envelope and invoke the targets of matching rules. */
    private void deliverToRouter(JsonNode entry) {
        ObjectNode envelope = Json.mapper().createObjectNode()
                .put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", entry.get("DetailType").asText()).put("source", entry.get("Source").asText())
                .put("account", "000000000000").put("time", NOW.toString()).put("region", "eu-west-1");
        envelope.putArray("resources");
        envelope.set("detail", Json.tree(entry.get("Detail").asText()));
        String json = Json.write(envelope);
        try {
            Machine machine = new Machine();
            for (RuleDefinition rule : RuleDefinition.ALL) {
                machine.addRule(rule.name(), rule.pattern());
            }
            List<String> matched = machine.rulesForJSONEvent(json);
            assertThat(matched).containsExactly(RuleDefinition.LEAD_CAPTURED.name());
            router.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SQSEvent receive(QueueDefinition queue, int expected) {
        List<Message> messages = new ArrayList<>();
        for (int poll = 0; poll < 10 && messages.size() < expected; poll++) {
            messages.addAll(engines.sqs().receiveMessage(r -> r.queueUrl(queues.get(queue).url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            return record;
        }).toList());
        return event;
    }

    private static APIGatewayV2HTTPEvent formPost(String formId, String body) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("content-type", "application/x-www-form-urlencoded",
                "x-lem-token", FORM_TOKENS.issue(formId, NOW.minusSeconds(10))));
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /f/{formId}").withRawPath("/f/" + formId)
                .withHeaders(headers).withPathParameters(Map.of("formId", formId)).withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString()).build())
                .build();
    }

    private static APIGatewayV2HTTPEvent pixelHit(URI pixel) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : pixel.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/o.gif").withRawPath(pixel.getPath())
                .withRawQueryString(pixel.getRawQuery()).withQueryStringParameters(query)
                .withHeaders(Map.of("user-agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"))
                .build();
    }
}
