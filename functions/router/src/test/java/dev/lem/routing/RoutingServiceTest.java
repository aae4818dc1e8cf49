package dev.lem.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadOutcome;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.journey.DripStep;
import dev.lem.journey.Enrolment;
import dev.lem.json.Json;
import dev.lem.lead.Contribution;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadState;
import dev.lem.lead.ModelScore;
import dev.lem.lead.StandingWrite;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.routing.RoutingService.Routing;
import dev.lem.testing.fakes.JourneyFakes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingServiceTest {

    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final LeadId LEAD_ID = new LeadId(LEAD);
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:31Z");
    private static final Instant CAPTURED_AT = Instant.parse("2026-11-23T10:15:30Z");

    private final JourneyFakes fakes = new JourneyFakes(NOW);
    private final RoutingService service = new RoutingService(fakes.catalog, fakes.enrolments, fakes.leads, fakes.runner,
            fakes.clock());

    @BeforeEach
    void storeLead() {
        fakes.lead(LEAD_ID);
    }

    @Test
    void route_whenLeadCapturedWithConsent_enrolsInTheWelcomeJourneyOnce() {
        assertThat(service.route(captured("capture-req-1", true)).enrolled()).containsExactly("welcome");

        Enrolment enrolment = fakes.enrolments.get(LEAD_ID, "welcome");
        assertThat(enrolment.trigger()).isEqualTo("capture-req-1");
        assertThat(enrolment.run()).isEqualTo(1);
        assertThat(enrolment.journeyVersion()).isEqualTo(1);
        assertThat(enrolment.status()).isEqualTo(Enrolment.Status.ACTIVE);
        assertThat(enrolment.position()).isEqualTo(3);
        assertThat(enrolment.context()).containsEntry("formId", "demo").containsEntry("emailConsent", "true");
    }

    @Test
    void route_whenLeadCaptured_queuesTheTransactionalWelcomeUnderADeterministicId() {
        service.route(captured("capture-req-1", true));

        assertThat(fakes.notifyQueue.bodies()).singleElement().satisfies(body -> {
            assertThat(Json.read(body, NotifyMessage.class)).isEqualTo(new NotifyMessage("welcome.1." + LEAD,
                    LEAD_ID, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome", "welcome",
                    Map.of("formId", "demo")));
            JsonNode wire = Json.tree(body);
            assertThat(wire.get("channel").asText()).isEqualTo("email");
            assertThat(wire.get("category").asText()).isEqualTo("transactional");
            assertThat(body).doesNotContain("@");
        });
    }

    @Test
    void route_whenLeadCapturedWithConsent_schedulesTheWaitTwoDaysLaterWithItsGuard() {
        service.route(captured("capture-req-1", true));

        assertThat(fakes.scheduler.scheduled()).singleElement().satisfies(schedule -> {
            assertThat(schedule.name()).isEqualTo("welcome-3-" + LEAD);
            assertThat(schedule.at()).isEqualTo(NOW.plus(Duration.ofDays(2)));
            assertThat(Json.read(schedule.payloadJson(), DripStep.class)).isEqualTo(
                    new DripStep(LEAD_ID, "welcome", 3, NOW.plus(Duration.ofDays(2)), 1, 1, 1));
        });
        assertThat(fakes.enrolments.get(LEAD_ID, "welcome").timer()).contains("welcome-3-" + LEAD);
    }

    @Test
    void route_whenLeadCapturedWithoutConsent_sendsTheWelcomeAndExitsWithoutATimer() {
        assertThat(service.route(captured("capture-req-1", false)).enrolled()).containsExactly("welcome");

        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
        assertThat(fakes.scheduler.scheduled()).isEmpty();
        assertThat(fakes.enrolments.get(LEAD_ID, "welcome").status()).isEqualTo(Enrolment.Status.EXITED);
    }

    @Test
    void route_whenTheSameEventIsRedeliveredAfterSuccess_enrolsOnceAndRepeatsNothing() {
        service.route(captured("capture-req-1", true));

        Routing again = service.route(captured("capture-req-1", true));

        assertThat(again.enrolled()).isEmpty();
        assertThat(again.alreadyEnrolled()).containsExactly("welcome");
        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
        assertThat(fakes.scheduler.scheduled()).hasSize(1);
        assertThat(fakes.enrolments.writes()).hasSize(2); // created, then parked
    }

    @Test
    void route_whenQueueFailedAfterEnrolling_theRetryOfTheSameEventStillSendsTheWelcomeAndParks() {
        fakes.notifyQueue.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));
        assertThatThrownBy(() -> service.route(captured("capture-req-1", true))).isInstanceOf(QueueUnavailableException.class);
        assertThat(fakes.scheduler.scheduled()).isEmpty();
        assertThat(fakes.enrolments.get(LEAD_ID, "welcome").seq()).isZero();
        fakes.notifyQueue.recover();

        assertThat(service.route(captured("capture-req-1", true)).enrolled()).containsExactly("welcome");

        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
        assertThat(fakes.scheduler.scheduled()).hasSize(1);
        assertThat(fakes.enrolments.get(LEAD_ID, "welcome").seq()).isEqualTo(1);
    }

    @Test
    void route_whenAnotherCaptureOfAnAlreadyEnrolledLead_isAlreadyEnrolledAndSendsNothing() {
        service.route(captured("capture-req-1", false));

        assertThat(service.route(captured("capture-req-2", true)).alreadyEnrolled()).containsExactly("welcome");

        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
        assertThat(fakes.scheduler.scheduled()).isEmpty();
        assertThat(fakes.enrolments.get(LEAD_ID, "welcome").trigger()).isEqualTo("capture-req-1");
    }

    @Test
    void route_whenLeadIsUnknown_enrolsNobody() {
        String stranger = "11111111-2222-4333-8444-555555555555";

        Routing routing = service.route(new LeadCaptured("c-9", CAPTURED_AT, stranger, "demo", true, "lead", true));

        assertThat(routing.isNothing()).isTrue();
        assertThat(fakes.enrolments.all()).isEmpty();
    }

    static Stream<LemEvent> otherEvents() {
        return Stream.of(
                new LeadScored("scored-a-1", CAPTURED_AT, LEAD, 25, 20, "default-1", "a-1"),
                new LeadStateChanged("state-1", CAPTURED_AT, LEAD, "lead", "mql", "score", false),
                new LeadActivity("activity-1", CAPTURED_AT, LEAD, "a-1", "email.open"),
                new CampaignTrigger("trigger-1", CAPTURED_AT, "black-friday", LEAD, Map.of()),
                new MessageSent("sent-welcome.1." + LEAD, CAPTURED_AT, "welcome.1." + LEAD, LEAD, "email", "welcome", "ses-1"),
                new MessageFailed("failed-welcome.1." + LEAD, CAPTURED_AT, "welcome.1." + LEAD, LEAD, "email", "no-consent", false),
                new LeadOutcome("outcome-1", CAPTURED_AT, LEAD, "won", new BigDecimal("1200.00"), "EUR"));
    }

    @ParameterizedTest
    @MethodSource("otherEvents")
    void route_whenNoJourneyListensToTheEvent_doesNothing(LemEvent event) {
        assertThat(service.route(event).isNothing()).isTrue();

        assertThat(fakes.enrolments.all()).isEmpty();
        assertThat(fakes.notifyQueue.bodies()).isEmpty();
        assertThat(fakes.scheduler.scheduled()).isEmpty();
    }

    // --- deployed journeys: entry conditions, goal, waiting for events, unsubscribe, campaign triggers ---

    private static final String MQL_JOURNEY = """
            {"schemaVersion":1,"id":"mql-nurture","version":1,
             "entry":{"event":{"source":["lem"],"detail-type":["lead.scored"],"detail":{"score":[{"numeric":[">=",50]}]}},
                      "conditions":[{"field":"state","in":["lead","mql"]},{"field":"profile.country","eq":"DE"}]},
             "goal":{"event":{"source":["lem"],"detail-type":["lead.state-changed"],"detail":{"to":["sql"]}}},
             "steps":[
               {"id":"hello","type":"send","channel":"email","template":"nurture-1","data":{"score":"$event.score"}},
               {"id":"click","type":"wait","event":{"detail-type":["lead.scored"],"detail":{"score":[{"numeric":[">=",80]}]}},
                "timeout":"P3D","onTimeout":"reminder"},
               {"id":"hot","type":"send","channel":"email","template":"nurture-hot","next":"end"},
               {"id":"reminder","type":"send","channel":"email","template":"nurture-reminder"},
               {"id":"end","type":"exit"}]}""";

    @Test
    void route_whenScoreCrossesTheEntryPatternAndConditionsHold_enrolsAndQuotesTheEventInTheMessage() {
        fakes.deploy(MQL_JOURNEY);
        fakes.lead(LEAD_ID, Map.of("country", "DE"), 55, LeadState.LEAD);

        assertThat(service.route(scored("s-1", 55)).enrolled()).containsExactly("mql-nurture");

        assertThat(message(0).template()).isEqualTo("nurture-1");
        assertThat(message(0).data()).containsEntry("score", "55");
        assertThat(fakes.scheduler.pending()).containsOnlyKeys("mql-nurture-2-" + LEAD);
    }

    @Test
    void route_whenEntryConditionsFail_doesNotEnrol() {
        fakes.deploy(MQL_JOURNEY);
        fakes.lead(LEAD_ID, Map.of("country", "FR"), 55, LeadState.LEAD);

        assertThat(service.route(scored("s-1", 55)).isNothing()).isTrue();
        assertThat(service.route(scored("s-2", 40)).isNothing()).isTrue();

        assertThat(fakes.enrolments.all()).isEmpty();
    }

    @Test
    void route_whenTheAwaitedEventArrives_cancelsTheTimeoutAndTakesTheEventPath() {
        fakes.deploy(MQL_JOURNEY);
        fakes.lead(LEAD_ID, Map.of("country", "DE"), 55, LeadState.LEAD);
        service.route(scored("s-1", 55));

        Routing routing = service.route(scored("s-2", 85));

        assertThat(routing.resumed()).containsExactly("mql-nurture");
        assertThat(fakes.scheduler.cancelled()).containsExactly("mql-nurture-2-" + LEAD);
        assertThat(fakes.scheduler.pending()).isEmpty();
        assertThat(message(1).template()).isEqualTo("nurture-hot");
        assertThat(fakes.enrolments.get(LEAD_ID, "mql-nurture").status()).isEqualTo(Enrolment.Status.EXITED);
    }

    @Test
    void route_whenTheGoalEventArrives_endsTheEnrolmentAndCancelsItsTimer() {
        fakes.deploy(MQL_JOURNEY);
        fakes.lead(LEAD_ID, Map.of("country", "DE"), 55, LeadState.LEAD);
        service.route(scored("s-1", 55));

        Routing routing = service.route(new LeadStateChanged("st-1", NOW, LEAD, "mql", "sql", "sales", false));

        assertThat(routing.ended()).containsExactly("mql-nurture");
        assertThat(fakes.enrolments.get(LEAD_ID, "mql-nurture").status()).isEqualTo(Enrolment.Status.GOAL);
        assertThat(fakes.scheduler.pending()).isEmpty();
    }

    @Test
    void route_whenTheLeadUnsubscribes_cancelsEveryRunningJourney() {
        fakes.deploy(MQL_JOURNEY);
        fakes.lead(LEAD_ID, Map.of("country", "DE"), 55, LeadState.LEAD);
        service.route(captured("capture-req-1", true));
        service.route(scored("s-1", 55));
        assertThat(fakes.scheduler.pending()).hasSize(2);

        Routing routing = service.route(new LeadActivity("act-1", NOW, LEAD, "a-9", "email.unsubscribe"));

        assertThat(routing.ended()).containsExactlyInAnyOrder("welcome", "mql-nurture");
        assertThat(fakes.scheduler.pending()).isEmpty();
        assertThat(fakes.enrolments.all()).extracting(Enrolment::status).containsOnly(Enrolment.Status.CANCELLED);
    }

    @Test
    void route_whenALeadIsHandedToSales_theTaskCarriesTheScoreExplanation() {
        fakes.deploy(SALES_HANDOFF);
        Lead lead = fakes.lead(LEAD_ID, Map.of("country", "DE"), 57, LeadState.MQL);
        fakes.standings.save(new StandingWrite(lead, LeadStanding.initial(LEAD_ID).withScores(Map.of("default",
                new ModelScore("default", "default-3", 57, NOW, List.of(new Contribution("form-fill", 30),
                        new Contribution("pricing-page", 24.6), new Contribution("free-mail", -10))))),
                Optional.empty(), Optional.empty()));

        service.route(new LeadStateChanged("st-1", NOW, LEAD, "lead", "mql", "score", false));

        assertThat(fakes.notifyQueue.bodies()).singleElement().satisfies(body -> {
            NotifyMessage task = Json.read(body, NotifyMessage.class);
            assertThat(task.template()).isEqualTo("crm");
            assertThat(task.data()).containsEntry("ownerId", "ann")
                    .containsEntry("scoreExplanation", "default 57: form-fill +30, pricing-page +25, free-mail -10");
        });
    }

    private static final String SALES_HANDOFF = """
            {"schemaVersion":1,"id":"handoff","version":1,
             "entry":{"event":{"source":["lem"],"detail-type":["lead.state-changed"],"detail":{"to":["mql"]}}},
             "reEntry":{"policy":"never"},
             "steps":[{"id":"assign","type":"handToSales","assignment":"round-robin","template":"crm",
                       "owners":[{"id":"ann"},{"id":"bob"}]}]}""";

    private static final String WEBINAR = """
            {"schemaVersion":1,"id":"webinar-followup","version":1,
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "reEntry":{"policy":"after","days":30},
             "steps":[{"id":"thanks","type":"send","channel":"email","template":"webinar-thanks",
                       "data":{"webinar":"$event.campaignId"}}]}""";

    @Test
    void route_whenCampaignTriggerNamesAJourney_enrolsTheLeadInThatJourneyOnly() {
        fakes.deploy(WEBINAR);
        fakes.deploy(WEBINAR.replace("webinar-followup", "other-campaign"));

        Routing routing = service.route(new CampaignTrigger("t-1", NOW, "webinar-followup", LEAD, Map.of()));

        assertThat(routing.enrolled()).containsExactly("webinar-followup");
        assertThat(message(0).messageId()).isEqualTo("webinar-followup.1." + LEAD);
        assertThat(fakes.enrolments.get(LEAD_ID, "webinar-followup").status()).isEqualTo(Enrolment.Status.COMPLETED);
    }

    @Test
    void route_whenReEntryAfterDays_refusesEarlyAndAllowsLaterAsRunTwoWithItsOwnMessageIds() {
        fakes.deploy(WEBINAR);
        service.route(new CampaignTrigger("t-1", NOW, "webinar-followup", LEAD, Map.of()));

        fakes.clock(NOW.plus(Duration.ofDays(29)));
        assertThat(service.route(new CampaignTrigger("t-2", NOW, "webinar-followup", LEAD, Map.of())).alreadyEnrolled())
                .containsExactly("webinar-followup");
        fakes.clock(NOW.plus(Duration.ofDays(30)));
        assertThat(service.route(new CampaignTrigger("t-3", NOW, "webinar-followup", LEAD, Map.of())).enrolled())
                .containsExactly("webinar-followup");

        assertThat(fakes.enrolments.get(LEAD_ID, "webinar-followup").run()).isEqualTo(2);
        assertThat(fakes.notifyQueue.bodies()).extracting(b -> Json.read(b, NotifyMessage.class).messageId())
                .containsExactly("webinar-followup.1." + LEAD, "webinar-followup.r2.1." + LEAD);
    }

    @Test
    void route_whenSurveyAnswerArrives_recordsItAndBranchesOnIt() {
        fakes.deploy("""
                {"schemaVersion":1,"id":"nps","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[
                   {"id":"ask","type":"survey","template":"nps","question":"How likely are you to recommend us?","timeout":"P7D"},
                   {"id":"sort","type":"branch","rules":[{"when":[{"field":"answer.ask","gte":9}],"goto":"promoter"}],
                    "otherwise":"end"},
                   {"id":"promoter","type":"send","channel":"email","template":"referral"},
                   {"id":"end","type":"exit"}]}""");
        service.route(new CampaignTrigger("t-1", NOW, "nps", LEAD, Map.of()));
        assertThat(message(0).data()).containsEntry("survey", "nps.ask").containsEntry("scale", "0-10");
        ObjectNode answer = (ObjectNode) Json.mapper().valueToTree(new LeadActivity("ans-1", NOW, LEAD, "a-2", "survey.answered"));
        answer.put("survey", "nps.ask");
        answer.put("answer", 10);

        Routing routing = service.route(new LeadActivity("ans-1", NOW, LEAD, "a-2", "survey.answered"), answer);

        assertThat(routing.resumed()).containsExactly("nps");
        assertThat(fakes.enrolments.get(LEAD_ID, "nps").answers()).containsEntry("ask", "10");
        assertThat(message(1).template()).isEqualTo("referral");
    }

    private NotifyMessage message(int index) {
        List<String> bodies = fakes.notifyQueue.bodies();
        return Json.read(bodies.get(index), NotifyMessage.class);
    }

    private static LeadScored scored(String eventId, int score) {
        return new LeadScored(eventId, NOW, LEAD, score, 5, "default-1", "a-" + eventId);
    }

    private static LeadCaptured captured(String eventId, boolean emailConsent) {
        return new LeadCaptured(eventId, CAPTURED_AT, LEAD, "demo", true, "lead", emailConsent);
    }

}
