package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.aws.AwsClients;
import dev.lem.drip.DripService;
import dev.lem.drip.lambda.DripHandler;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LemEvent;
import dev.lem.events.RuleDefinition;
import dev.lem.journey.Enrolment;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.json.Json;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.bus.LocalEventBus;
import dev.lem.messaging.Channel;
import dev.lem.notify.PreferenceService;
import dev.lem.notify.Recipients;
import dev.lem.notify.lambda.PreferencesHandler;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.RoutingService;
import dev.lem.routing.lambda.RouterHandler;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * An unsubscribe ends the lead's journeys: the real preference handler (one-click List-Unsubscribe) publishes
 * {@code email.unsubscribe} on the local bus (event-ruler with the shared rules, as EventBridge would), the real router
 * ends the enrolment and deletes its pending schedule (on the Scheduler wire), and the late firing does nothing.
 */
@ExtendWith(AwsEnginesExtension.class)
class UnsubscribeEndsJourneysIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String DRIP_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip:live";
    private static final String ROLE = "arn:aws:iam::000000000000:role/lem-scheduler";
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);
    private static final UnsubscribeLinks LINKS = new UnsubscribeLinks(new LinkSigner(new byte[32]),
            URI.create("https://t.lem.example"));
    private static final String NURTURE = """
            {"schemaVersion":1,"id":"nurture","version":1,
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "steps":[{"id":"two-days","type":"wait","duration":"P2D"},
                      {"id":"tips","type":"send","channel":"email","template":"nurture-tips"}]}""";

    private final AwsEngines engines;
    private final WireCapture wire;
    private final String table;
    private final QueueUrls notify;
    private final QueueUrls activity;
    private final SchedulerClient schedulerClient;
    private final DynamoDbLeadStore leads;
    private final DeadLetters deadLetters = new DeadLetters();
    private final LocalEventBus bus;
    private final PreferencesHandler preferences;

    UnsubscribeEndsJourneysIT(AwsEngines engines, WireCapture wire) {
        this.engines = engines;
        this.wire = wire;
        wire.reset();
        this.table = engines.createTable();
        var queues = engines.createQueues();
        this.notify = queues.get(QueueDefinition.NOTIFY);
        this.activity = queues.get(QueueDefinition.ACTIVITY);
        this.schedulerClient = AwsClients.scheduler(wire.awsConfig());
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        JourneyParser parser = JourneyParser.create();
        new DynamoDbJourneyStore(engines.dynamoDb(), table, parser).deploy(parser.parse(NURTURE), NURTURE);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        this.bus = new LocalEventBus(RuleDefinition.ALL, Map.of(RuleDefinition.RuleTarget.ROUTER, router()), deadLetters,
                clock, AwsEngines.REGION, Duration.ofMillis(20));
        this.preferences = new PreferencesHandler(new PreferenceService(leads,
                new DynamoDbSuppressionList(engines.dynamoDb(), table), new Recipients(HASHER), LINKS, bus, clock));
    }

    @AfterEach
    void close() {
        bus.close();
        schedulerClient.close();
        wire.reset();
    }

    private JourneyRuntime runtime(Instant now) {
        return JourneyRuntime.create(engines.dynamoDb(), table, new SqsMessageQueue(engines.sqs(), notify.url()),
                new SqsMessageQueue(engines.sqs(), activity.url()),
                new EventBridgeStepScheduler(schedulerClient, "lem-timers", DRIP_ARN, ROLE, Optional.empty()),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private RouterHandler router() {
        JourneyRuntime journeys = runtime(NOW);
        return new RouterHandler(new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void oneClickUnsubscribe_endsTheEnrolmentAndDeletesItsPendingSchedule_andADuplicateIsHarmless() throws Exception {
        Lead ada = storedLead();
        invoke(router(), envelope(new CampaignTrigger("trigger-1", NOW, "nurture", ada.id().value(), Map.of())));
        List<CapturedRequest> pending = wire.requests(Service.SCHEDULER);
        assertThat(pending).singleElement().satisfies(create -> {
            assertThat(create.method()).isEqualTo("POST");
            assertThat(create.url()).startsWith("/schedules/nurture-1-" + ada.id().value());
        });
        String timerInput = pending.getFirst().json().at("/Target/Input").asText();
        assertThat(enrolment(ada).status()).isEqualTo(Enrolment.Status.ACTIVE);

        APIGatewayV2HTTPResponse first = preferences.handleRequest(oneClick(LINKS.token(ada.id(), Channel.EMAIL)), null);

        assertThat(first.getStatusCode()).isEqualTo(200);
        awaitUntil(() -> wire.requests(Service.SCHEDULER).size() == 2, "the router deletes the pending schedule");
        List<CapturedRequest> calls = wire.requests(Service.SCHEDULER);
        assertThat(calls).extracting(CapturedRequest::method).containsExactly("POST", "DELETE");
        assertThat(calls.get(1).url()).startsWith("/schedules/nurture-1-" + ada.id().value()).contains("groupName=lem-timers");
        assertThat(enrolment(ada).status()).isEqualTo(Enrolment.Status.CANCELLED);

        // the same click again publishes nothing; the same event delivered again (at-least-once) changes nothing
        APIGatewayV2HTTPResponse again = preferences.handleRequest(oneClick(LINKS.token(ada.id(), Channel.EMAIL)), null);
        invoke(router(), envelope(LeadActivity.unsubscribed("unsub-dup", NOW, ada.id().value(), "unsub-dup", "email")));

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(wire.requests(Service.SCHEDULER)).hasSize(2);
        assertThat(enrolment(ada).status()).isEqualTo(Enrolment.Status.CANCELLED);
        assertThat(deadLetters.list()).isEmpty();

        // the schedule's late firing (had it fired before the delete) sends nothing
        JourneyRuntime later = runtime(NOW.plus(Duration.ofDays(2)));
        invoke(new DripHandler(new DripService(later.catalog(), later.enrolments(), later.leads(), later.runner(),
                Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC))), timerInput);
        assertThat(engines.sqs().receiveMessage(r -> r.queueUrl(notify.url()).waitTimeSeconds(1)).messages()).isEmpty();
    }

    private Enrolment enrolment(Lead lead) {
        return runtime(NOW).enrolments().find(lead.id(), "nurture").orElseThrow();
    }

    private Lead storedLead() {
        EmailAddress address = EmailAddress.parse("ada@example.com").orElseThrow();
        Lead lead = new Lead(LeadId.random(), HASHER.hash(address), address, Map.of("name", "Ada"), LeadState.LEAD, NOW, 0,
                Map.of("email", new Consent(true, "v1", NOW)), NOW, NOW, 0);
        leads.create(lead);
        return leads.find(lead.id()).orElseThrow();
    }

    /** Waits for what the bus delivers asynchronously (as EventBridge does); fails with {@code what} if it never comes. */
    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static APIGatewayV2HTTPEvent oneClick(String token) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /u/{token}").withRawPath("/u/" + token)
                .withPathParameters(Map.of("token", token)).withBody("List-Unsubscribe=One-Click")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .build();
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

    private static void invoke(RequestStreamHandler handler, String payload) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }
}
