package dev.lem.notify.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.events.LeadActivity;
import dev.lem.journey.Enrolment;
import dev.lem.lead.Activity;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.FrequencyCaps;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.messaging.SuppressionReason;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.ErasureService;
import dev.lem.notify.GatePolicy;
import dev.lem.notify.HeldMessages;
import dev.lem.notify.NotificationService;
import dev.lem.notify.OutgoingEmail;
import dev.lem.notify.Outbound;
import dev.lem.notify.PreferenceService;
import dev.lem.notify.QuietHours;
import dev.lem.notify.Recipients;
import dev.lem.notify.SendGate;
import dev.lem.store.DynamoDbEnrolmentStore;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code /u/{token}} and {@code DELETE /leads/{id}} through their handlers on DynamoDB Local. */
@ExtendWith(AwsEnginesExtension.class)
class PreferencesAndErasureIT {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final URI BASE = URI.create("https://t.lem.example");
    private static final IdentityHasher HASHER = new IdentityHasher(IDENTITY_KEY);
    private static final UnsubscribeLinks LINKS = new UnsubscribeLinks(new LinkSigner(TRACKING_KEY), BASE);

    private final AwsEngines engines;
    private final String table;
    private final DynamoDbLeadStore leads;
    private final DynamoDbSuppressionList suppressions;
    private final RecordingStepScheduler timers = new RecordingStepScheduler();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final List<OutgoingEmail> sent = new ArrayList<>();
    private final PreferencesHandler preferences;
    private final ErasureHandler erasure;

    PreferencesAndErasureIT(AwsEngines engines) {
        this.engines = engines;
        this.table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.suppressions = new DynamoDbSuppressionList(engines.dynamoDb(), table);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        this.preferences = new PreferencesHandler(new PreferenceService(leads, suppressions, new Recipients(HASHER), LINKS, bus, clock));
        this.erasure = new ErasureHandler(new ErasureService(new DynamoDbLeadErasure(engines.dynamoDb(), table), suppressions,
                new Recipients(HASHER), timers, clock));
    }

    @Test
    void postOneClick_whenTokenValid_unsubscribesIdempotentlyAndTheNextSendIsBlocked() {
        Lead ada = storedLead("ada@example.com");
        String token = LINKS.token(ada.id(), Channel.EMAIL);
        NotificationService notifications = notifications();
        notifications.send(marketing(ada.id(), 1));

        APIGatewayV2HTTPResponse first = preferences.handleRequest(post(token, "List-Unsubscribe=One-Click", false), null);
        APIGatewayV2HTTPResponse again = preferences.handleRequest(post(token,
                Base64.getEncoder().encodeToString("List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8)), true), null);
        notifications.send(marketing(ada.id(), 2));
        notifications.send(new NotifyMessage("receipt.1." + ada.id(), ada.id(), Channel.EMAIL, MessageCategory.TRANSACTIONAL,
                "r", "welcome", Map.of()));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getBody()).contains("You are unsubscribed");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(sent).extracting(OutgoingEmail::messageId).containsExactly("news.1." + ada.id());
        Lead stored = leads.find(ada.id()).orElseThrow();
        assertThat(stored.hasConsent("email")).isFalse();
        assertThat(stored.version()).isEqualTo(ada.version() + 1);
        assertThat(suppressions.find(ada.emailHash())).hasValueSatisfying(s ->
                assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBE));
        // once on the bus for the router (ends the lead's journeys); the repeated click publishes nothing
        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(LeadActivity.class, e -> {
            assertThat(e.type()).isEqualTo("email.unsubscribe");
            assertThat(e.leadId()).isEqualTo(ada.id().value());
        });
    }

    @Test
    void postOneClick_whenTheBusIsDown_answers503AndTheRetryUnsubscribesAndPublishes() {
        Lead ada = storedLead("ada@example.com");
        String token = LINKS.token(ada.id(), Channel.EMAIL);
        bus.failNextCallWith(new dev.lem.bus.EventPublishException("bus down", null));

        APIGatewayV2HTTPResponse down = preferences.handleRequest(post(token, "List-Unsubscribe=One-Click", false), null);

        assertThat(down.getStatusCode()).isEqualTo(503);
        assertThat(down.getHeaders()).containsEntry("Retry-After", "60");
        assertThat(leads.find(ada.id()).orElseThrow().hasConsent("email")).as("consent kept until published").isTrue();
        assertThat(preferences.handleRequest(post(token, "List-Unsubscribe=One-Click", false), null).getStatusCode())
                .isEqualTo(200);
        assertThat(leads.find(ada.id()).orElseThrow().hasConsent("email")).isFalse();
        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(LeadActivity.class, e ->
                assertThat(e.type()).isEqualTo("email.unsubscribe"));
    }

    @Test
    void post_whenBodyEmpty_treatsItAsOneClick() {
        Lead ada = storedLead("ada@example.com");

        assertThat(preferences.handleRequest(post(LINKS.token(ada.id(), Channel.EMAIL), "", false), null).getStatusCode())
                .isEqualTo(200);
        assertThat(leads.find(ada.id()).orElseThrow().hasConsent("email")).isFalse();
    }

    @Test
    void get_whenTokenValid_showsThePreferencePagePerChannelWithTheCurrentChoices() {
        Lead ada = storedLead("ada@example.com");

        APIGatewayV2HTTPResponse page = preferences.handleRequest(request("GET", LINKS.token(ada.id(), Channel.EMAIL), null,
                false), null);

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-store");
        assertThat(page.getBody()).contains("<legend>Email</legend>").contains("<legend>Text messages (SMS)</legend>")
                .contains("name=\"email\" value=\"on\" checked").contains("name=\"sms\" value=\"off\" checked")
                .doesNotContain("ada@example.com");
    }

    @Test
    void get_whenTokenValid_showsEveryTopicOfTheCatalogSubscribedUntilOptedOut() {
        Lead ada = storedLead("ada@example.com");

        String page = preferences.handleRequest(request("GET", LINKS.token(ada.id(), Channel.EMAIL), null, false), null).getBody();

        assertThat(page).contains("<h2>Topics</h2>").contains("<legend>Our newsletter</legend>")
                .contains("<legend>Product updates</legend>").contains("<legend>Events and webinars</legend>")
                .contains("name=\"topic.newsletter\" value=\"on\" checked")
                .contains("name=\"topic.events\" value=\"on\" checked");
    }

    @Test
    void postTopics_whenLeadOptsOutOfOneTopic_recordsItOnceAndTheGateBlocksOnlyThatTopic() {
        Lead ada = storedLead("ada@example.com");
        String token = LINKS.token(ada.id(), Channel.EMAIL);

        APIGatewayV2HTTPResponse saved = preferences.handleRequest(post(token,
                "preferences=1&email=on&topic.newsletter=off&topic.events=on", false), null);
        APIGatewayV2HTTPResponse again = preferences.handleRequest(post(token,
                "preferences=1&email=on&topic.newsletter=off&topic.events=on", false), null);
        NotificationService notifications = notifications();
        notifications.send(onTopic(ada.id(), "newsletter"));
        notifications.send(onTopic(ada.id(), "events"));

        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(saved.getBody()).contains("Saved.").contains("name=\"topic.newsletter\" value=\"off\" checked")
                .contains("name=\"topic.events\" value=\"on\" checked");
        assertThat(again.getStatusCode()).isEqualTo(200);
        Lead stored = leads.find(ada.id()).orElseThrow();
        assertThat(stored.version()).isEqualTo(ada.version() + 1); // the second save changed nothing
        assertThat(stored.consent("topic:newsletter")).hasValueSatisfying(c -> assertThat(c.granted()).isFalse());
        assertThat(stored.consent("topic:events")).isEmpty(); // already subscribed: nothing to record
        assertThat(stored.hasConsent("email")).isTrue();
        assertThat(leads.activities(ada.id())).filteredOn(a -> a.type().equals("preferences-changed")).singleElement()
                .satisfies(a -> assertThat(a.attributes()).containsEntry("topic", "newsletter").containsEntry("subscribed", "false"));
        assertThat(sent).extracting(OutgoingEmail::messageId).containsExactly("topic.events." + ada.id());
    }

    @Test
    void postTopics_whenTopicUnknownOrValueMalformed_answers400AndChangesNothing() {
        Lead ada = storedLead("ada@example.com");
        String token = LINKS.token(ada.id(), Channel.EMAIL);

        APIGatewayV2HTTPResponse unknown = preferences.handleRequest(post(token, "preferences=1&topic.%3Cscript%3E=off", false), null);
        APIGatewayV2HTTPResponse malformed = preferences.handleRequest(post(token, "preferences=1&topic.newsletter=maybe", false), null);

        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(unknown.getBody()).isEqualTo("unknown topic");
        assertThat(malformed.getStatusCode()).isEqualTo(400);
        assertThat(leads.find(ada.id()).orElseThrow().version()).isEqualTo(ada.version());
    }

    @Test
    void postPreferences_whenLeadOptsOutThenInAgain_liftsTheUnsubscribeSuppression() {
        Lead ada = storedLead("ada@example.com");
        String token = LINKS.token(ada.id(), Channel.EMAIL);

        APIGatewayV2HTTPResponse out = preferences.handleRequest(post(token, "preferences=1&email=off&sms=on", false), null);
        assertThat(out.getStatusCode()).isEqualTo(200);
        assertThat(suppressions.find(ada.emailHash())).isPresent();
        assertThat(leads.find(ada.id()).orElseThrow().hasConsent("sms")).isTrue();
        assertThat(bus.published()).as("the page's opt-out ends journeys too").singleElement()
                .isInstanceOfSatisfying(LeadActivity.class, e -> assertThat(e.type()).isEqualTo("email.unsubscribe"));

        APIGatewayV2HTTPResponse in = preferences.handleRequest(post(token, "preferences=1&email=on", false), null);
        assertThat(in.getStatusCode()).isEqualTo(200);
        assertThat(in.getBody()).contains("Saved.").contains("name=\"email\" value=\"on\" checked");
        assertThat(suppressions.find(ada.emailHash())).isEmpty();
        assertThat(leads.find(ada.id()).orElseThrow().hasConsent("email")).isTrue();
    }

    @Test
    void postPreferences_whenAddressHardBounced_cannotOptBackIn() {
        Lead ada = storedLead("ada@example.com");
        suppressions.suppress(new dev.lem.messaging.Suppression(ada.emailHash(), SuppressionReason.HARD_BOUNCE, NOW));

        APIGatewayV2HTTPResponse page = preferences.handleRequest(post(LINKS.token(ada.id(), Channel.EMAIL),
                "preferences=1&email=on", false), null);

        assertThat(page.getBody()).contains("cannot reach you").contains("hard-bounce");
        assertThat(suppressions.find(ada.emailHash())).hasValueSatisfying(s ->
                assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
    }

    @Test
    void handle_whenTokenForgedOrMalformed_answers404AndChangesNothing() {
        Lead ada = storedLead("ada@example.com");
        String valid = LINKS.token(ada.id(), Channel.EMAIL);
        List<String> bad = List.of(valid.substring(0, valid.length() - 2) + "xx", ada.id() + ".sms." + valid.split("\\.")[2],
                ada.id() + ".webhook." + valid.split("\\.")[2], "", "x".repeat(500), "<script>", LeadId.random() + ".email.abc");

        for (String token : bad) {
            assertThat(preferences.handleRequest(post(token, "List-Unsubscribe=One-Click", false), null).getStatusCode())
                    .as(token).isEqualTo(404);
            assertThat(preferences.handleRequest(request("GET", token, null, false), null).getStatusCode()).isEqualTo(404);
        }
        assertThat(leads.find(ada.id()).orElseThrow().version()).isEqualTo(ada.version());
        assertThat(suppressions.find(ada.emailHash())).isEmpty();
    }

    @Test
    void handle_whenRequestMalformed_answersPrecise4xx() {
        Lead ada = storedLead("ada@example.com");
        String token = LINKS.token(ada.id(), Channel.EMAIL);

        assertThat(preferences.handleRequest(post(token, "x".repeat(5_000), false), null).getStatusCode()).isEqualTo(413);
        assertThat(preferences.handleRequest(post(token, "%zz=1", false), null).getStatusCode()).isEqualTo(400);
        assertThat(preferences.handleRequest(post(token, "hello=world", false), null).getStatusCode()).isEqualTo(400);
        assertThat(preferences.handleRequest(post(token, "preferences=1&email=maybe", false), null).getStatusCode()).isEqualTo(400);
        assertThat(preferences.handleRequest(post(token, "!!!", true), null).getStatusCode()).isEqualTo(413);
        assertThat(preferences.handleRequest(request("PUT", token, "", false), null).getStatusCode()).isEqualTo(405);
        assertThat(leads.find(ada.id()).orElseThrow().version()).isEqualTo(ada.version());
    }

    @Test
    void delete_whenLeadExists_removesEveryTraceOfPiiKeepsOnlyTheHashAndCancelsItsTimers() {
        Lead ada = storedLead("ada@example.com");
        Lead grace = storedLead("grace@example.com");
        leads.recordActivity(new Activity("act-1", ada.id(), "page.view", NOW, Map.of("url", "https://www.example.com/?who=Ada+Lovelace")));
        parkedInTheWelcomeJourney(ada);
        new DynamoDbFrequencyCaps(engines.dynamoDb(), table).reserve(new FrequencyCaps.Reservation(ada.id(), Channel.EMAIL, "m1",
                "2026-11-23", NOW, 2, "2026-W48", NOW, 5));
        new DynamoDbLeadErasure(engines.dynamoDb(), table).rememberTimer(ada.id(), "notify-abc", NOW.plusSeconds(3600));

        APIGatewayV2HTTPResponse response = erasure.handleRequest(delete(ada.id().value()), null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        List<Map<String, AttributeValue>> items = engines.dynamoDb().scan(r -> r.tableName(table)).items();
        for (String pii : List.of("ada@example.com", "Ada Lovelace", "Ada", "+353861234567", "Analytical", "LEAD#" + ada.id())) {
            assertThat(items).as(pii).noneMatch(item -> item.toString().contains(pii));
        }
        assertThat(items).anyMatch(item -> item.toString().contains("grace@example.com"));
        assertThat(suppressions.find(ada.emailHash())).hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.ERASURE));
        assertThat(suppressions.find(HASHER.hashPhone("+353861234567"))).isPresent();
        assertThat(leads.findByEmailHash(ada.emailHash())).isEmpty();
        assertThat(timers.cancelled()).containsExactlyInAnyOrder("notify-abc", "welcome-3-" + ada.id());
        assertThat(leads.find(grace.id())).isPresent();
    }

    @Test
    void delete_whenRepeatedOrInvalid_answers404Then400And405() {
        Lead ada = storedLead("ada@example.com");

        assertThat(erasure.handleRequest(delete(ada.id().value()), null).getStatusCode()).isEqualTo(204);
        assertThat(erasure.handleRequest(delete(ada.id().value()), null).getStatusCode()).isEqualTo(404);
        assertThat(erasure.handleRequest(delete("not-a-lead"), null).getStatusCode()).isEqualTo(400);
        assertThat(erasure.handleRequest(delete("' OR 1=1"), null).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPEvent get = delete(ada.id().value());
        get.getRequestContext().getHttp().setMethod("GET");
        assertThat(erasure.handleRequest(get, null).getStatusCode()).isEqualTo(405);
    }

    @Test
    void delete_whenSchedulerFails_answers503AndTheRetryFinishes() {
        Lead ada = storedLead("ada@example.com");
        parkedInTheWelcomeJourney(ada);
        timers.failNextCallWith(new dev.lem.schedule.ScheduleException("DeleteSchedule failed (500)", true, null));

        assertThat(erasure.handleRequest(delete(ada.id().value()), null).getStatusCode()).isEqualTo(503);
        assertThat(suppressions.find(ada.emailHash())).isPresent();

        assertThat(erasure.handleRequest(delete(ada.id().value()), null).getStatusCode()).isEqualTo(204);
        assertThat(leads.find(ada.id())).isEmpty();
    }

    /** Enrolled in the welcome journey and waiting at its third step for the timer {@code welcome-3-<lead>}. */
    private void parkedInTheWelcomeJourney(Lead lead) {
        Enrolment parked = new Enrolment(lead.id(), "welcome", 1, 1, "evt-1", Enrolment.Status.ACTIVE, 3, 1,
                Optional.of("welcome-3-" + lead.id()), NOW, NOW, Map.of(), Map.of());
        assertThat(new DynamoDbEnrolmentStore(engines.dynamoDb(), table).create(parked, Optional.empty())).isTrue();
    }

    private NotificationService notifications() {
        LinkSigner signer = new LinkSigner(TRACKING_KEY);
        var dynamo = engines.dynamoDb();
        return new NotificationService(leads, new DynamoDbIdempotencyStore(dynamo, table),
                new SendGate(new Recipients(HASHER), suppressions, new DynamoDbFrequencyCaps(dynamo, table),
                        new GatePolicy(5, 10, QuietHours.NONE, ZoneId.of("UTC"))),
                new Outbound(new EmailComposer(new TrackingLinks(signer, BASE), LINKS, Optional.empty()), email -> {
                    sent.add(email);
                    return "ses-" + sent.size();
                }),
                new HeldMessages(timers, (lead, name, at) -> { }), new RecordingEventBus(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static NotifyMessage marketing(LeadId leadId, int step) {
        return new NotifyMessage("news." + step + "." + leadId, leadId, Channel.EMAIL, MessageCategory.MARKETING, "news",
                "welcome-2", Map.of());
    }

    private static NotifyMessage onTopic(LeadId leadId, String topic) {
        return new NotifyMessage("topic." + topic + "." + leadId, leadId, Channel.EMAIL, MessageCategory.MARKETING, "news",
                "welcome-2", Map.of("topic", topic));
    }

    private Lead storedLead(String email) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        boolean ada = email.startsWith("ada");
        Lead lead = new Lead(LeadId.random(), HASHER.hash(address), address,
                ada ? Map.of("name", "Ada Lovelace", "company", "Analytical", "phone", "+353861234567")
                        : Map.of("name", "Grace Hopper", "company", "Navy", "phone", "+353869999999"), LeadState.LEAD, NOW, 0,
                Map.of("email", new Consent(true, "v1", NOW)), NOW, NOW, 0);
        leads.create(lead);
        return leads.find(lead.id()).orElseThrow();
    }

    private static APIGatewayV2HTTPEvent post(String token, String body, boolean base64) {
        return request("POST", token, body, base64);
    }

    private static APIGatewayV2HTTPEvent request(String method, String token, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(method + " /u/{token}");
        event.setRawPath("/u/" + token);
        event.setPathParameters(Map.of("token", token));
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        event.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded"));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    private static APIGatewayV2HTTPEvent delete(String id) {
        APIGatewayV2HTTPEvent event = request("DELETE", "", null, false);
        event.setRouteKey("DELETE /leads/{id}");
        event.setRawPath("/leads/" + id);
        event.setPathParameters(Map.of("id", id));
        return event;
    }
}
