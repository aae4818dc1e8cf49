package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LemEvent;
import dev.lem.events.RuleDefinition;
import dev.lem.journey.Enrolment;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.bus.LocalEventBus;
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
import dev.lem.testing.WireCapture;
import dev.lem.tracking.SurveyAnswers;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A survey answer end to end through the real handlers: the router sends the survey message (ElasticMQ notify
 * queue), the lead follows a signed answer link from it into the tracking handler ({@code GET /t/s} shows the confirmation page, its button {@code POST /t/s}), which records
 * the activity on the activity queue and puts {@code lead.activity} on {@code lem up}'s bus; the shared
 * {@code survey-answers-to-router} rule delivers it to the router, which resumes the journey and branches on the
 * answer into an update step, whose state change goes to the activity queue as a lifecycle move for scoring.
 */
@ExtendWith(AwsEnginesExtension.class)
class SurveyAnswerIT {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    private static final byte[] TRACKING_KEY = "tracking-key-for-survey-it-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String HUMAN = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
    private static final String JOURNEY = """
            {"schemaVersion":1,"id":"nps","version":1,
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "steps":[
               {"id":"ask","type":"survey","template":"nps","question":"How likely are you to recommend us?","timeout":"P7D"},
               {"id":"sort","type":"branch","rules":[{"when":[{"field":"answer.ask","gte":9}],"goto":"promoter"}],
                "otherwise":"end"},
               {"id":"promoter","type":"update","state":"mql","tags":["promoter"]},
               {"id":"end","type":"exit"}]}""";

    private final AwsEngines engines;
    private final WireCapture wire;
    private final String table;
    private final QueueUrls notify;
    private final QueueUrls activity;
    private final SchedulerClient schedulerClient;
    private final DynamoDbLeadStore leads;
    private final JourneyRuntime journeys;
    private final RouterHandler router;

    SurveyAnswerIT(AwsEngines engines, WireCapture wire) {
        this.engines = engines;
        this.wire = wire;
        wire.reset();
        this.table = engines.createTable();
        var queues = engines.createQueues();
        this.notify = queues.get(QueueDefinition.NOTIFY);
        this.activity = queues.get(QueueDefinition.ACTIVITY);
        this.schedulerClient = AwsClients.scheduler(wire.awsConfig());
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        this.journeys = JourneyRuntime.create(engines.dynamoDb(), table, new SqsMessageQueue(engines.sqs(), notify.url()),
                new SqsMessageQueue(engines.sqs(), activity.url()),
                new EventBridgeStepScheduler(schedulerClient, "lem-timers",
                        "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip:live",
                        "arn:aws:iam::000000000000:role/lem-scheduler", Optional.empty()), clock);
        this.router = new RouterHandler(new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), clock));
    }

    @AfterEach
    void close() {
        schedulerClient.close();
        wire.reset();
    }

    @Test
    void answerLink_throughTrackingAndTheBus_resumesTheJourney_branchesOnTheAnswer_andQueuesTheStateMove() throws Exception {
        JourneyParser parser = JourneyParser.create();
        Journey nps = parser.parse(JOURNEY);
        new DynamoDbJourneyStore(engines.dynamoDb(), table, parser).deploy(nps, JOURNEY);
        LeadId lead = new LeadId(UUID.randomUUID().toString());
        leads.create(new Lead(lead, "hash-" + lead.value(), null, Map.of(), LeadState.LEAD, NOW, 10, Map.of(), NOW, NOW, 0));
        invoke(router, envelope(new CampaignTrigger("trigger-1", NOW, "nps", lead.value(), Map.of())));
        NotifyMessage question = Json.read(receive(notify.url(), 1).getFirst(), NotifyMessage.class);
        assertThat(enrolment(lead).status()).isEqualTo(Enrolment.Status.ACTIVE);

        // the links notifications puts into the survey email
        Map<String, String> links = new TrackingLinks(new LinkSigner(TRACKING_KEY), URI.create("https://t.lem.example"))
                .surveyAnswerUrls(lead, question.messageId(), question.data().get(TrackingLinks.SURVEY_DATA_KEY));
        List<LemEvent> published = new CopyOnWriteArrayList<>();
        DeadLetters deadLetters = new DeadLetters();
        LocalEventBus bus = new LocalEventBus(RuleDefinition.ALL,
                Map.<RuleDefinition.RuleTarget, RequestStreamHandler>of(RuleDefinition.RuleTarget.ROUTER, router),
                deadLetters, Clock.fixed(NOW, ZoneOffset.UTC), LocalEngines.REGION, Duration.ofMillis(50));
        bus.observe(published::add);
        var activityQueue = new SqsMessageQueue(engines.sqs(), activity.url());
        TrackingHandler tracking = new TrackingHandler(new TrackingService(new LinkSigner(TRACKING_KEY), activityQueue),
                new SurveyAnswers(new LinkSigner(TRACKING_KEY), activityQueue, bus), Set.of(),
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));

        Map<String, String> forged = new LinkedHashMap<>(query(links.get("answerUrl3")));
        forged.put("a", "10");
        assertThat(tracking.handleRequest(answerHit(forged), null).getStatusCode()).isEqualTo(400);
        assertThat(tracking.handleRequest(answerPost(forged), null).getStatusCode()).isEqualTo(400);
        // following the link (what a link scanner does too) shows the confirmation page and records nothing
        APIGatewayV2HTTPResponse page = tracking.handleRequest(answerHit(query(links.get("answerUrl10"))), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<form method=\"post\">").doesNotContain("<script");
        assertThat(published).isEmpty();
        assertThat(enrolment(lead).status()).isEqualTo(Enrolment.Status.ACTIVE);
        // the page's button posts the fields it carries
        assertThat(tracking.handleRequest(answerPost(hiddenFields(page.getBody())), null).getStatusCode()).isEqualTo(200);
        for (int i = 0; i < 200 && enrolment(lead).status() == Enrolment.Status.ACTIVE; i++) {
            Thread.sleep(50);
        }
        // another answer of the same message later: the first answer wins
        assertThat(tracking.handleRequest(answerPost(query(links.get("answerUrl3"))), null).getStatusCode()).isEqualTo(200);
        bus.close(); // lets the queued deliveries run to the end

        assertThat(published).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(LeadActivity.class, a -> {
            assertThat(a.type()).isEqualTo("survey.answered");
            assertThat(a.survey()).isEqualTo("nps.ask");
            assertThat(a.eventId()).isEqualTo(published.getFirst().eventId());
        }));
        assertThat(((LeadActivity) published.getFirst()).answer()).isEqualTo(10);
        assertThat(deadLetters.list()).isEmpty();
        Enrolment resumed = enrolment(lead);
        assertThat(resumed.answers()).containsEntry("ask", "10");
        assertThat(resumed.status()).isEqualTo(Enrolment.Status.EXITED);
        List<JsonNode> onActivityQueue = receive(activity.url(), 2).stream().map(Json::tree).toList();
        assertThat(onActivityQueue).anySatisfy(a -> {
            assertThat(a.path("type").asText()).isEqualTo("survey.answered");
            assertThat(a.path("attributes").path("answer").asText()).isEqualTo("10");
        });
        assertThat(onActivityQueue).anySatisfy(m -> {
            assertThat(m.path("kind").asText()).isEqualTo("lead-move");
            assertThat(m.path("to").asText()).isEqualTo("mql");
            assertThat(m.path("leadId").asText()).isEqualTo(lead.value());
        });
        assertThat(leads.find(lead).orElseThrow().state()).as("scoring applies the move").isEqualTo(LeadState.LEAD);
    }

    private Enrolment enrolment(LeadId lead) {
        return journeys.enrolments().find(lead, "nps").orElseThrow();
    }

    private static APIGatewayV2HTTPEvent answerHit(Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/s").withRawPath("/t/s")
                .withQueryStringParameters(query).withHeaders(Map.of("user-agent", HUMAN)).build();
    }

    private static APIGatewayV2HTTPEvent answerPost(Map<String, String> fields) {
        String body = String.join("&", fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /t/s").withRawPath("/t/s").withBody(body)
                .withHeaders(Map.of("user-agent", HUMAN, "content-type", "application/x-www-form-urlencoded")).build();
    }

    /** The hidden inputs of the confirmation page's form, as the browser posts them. */
    private static Map<String, String> hiddenFields(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        java.util.regex.Matcher input = java.util.regex.Pattern.compile("type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\"")
                .matcher(page);
        while (input.find()) {
            fields.put(input.group(1), input.group(2));
        }
        return fields;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String envelope(LemEvent event) {
        var envelope = Json.mapper().createObjectNode()
                .put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", event.detailType().wireName()).put("source", event.detailType().source())
                .put("account", "000000000000").put("time", NOW.toString()).put("region", "eu-west-1");
        envelope.putArray("resources");
        envelope.set("detail", Json.mapper().valueToTree(event));
        return Json.write(envelope);
    }

    private static void invoke(RequestStreamHandler handler, String payload) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    /** Receives (and deletes) the bodies on a queue; waits a little for {@code expected} messages. */
    private List<String> receive(String queueUrl, int expected) {
        List<Message> messages = new ArrayList<>();
        for (int poll = 0; poll < 10 && messages.size() < expected; poll++) {
            messages.addAll(engines.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
        }
        messages.forEach(m -> engines.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages.stream().map(Message::body).toList();
    }
}
