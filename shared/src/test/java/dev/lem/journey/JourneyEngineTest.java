package dev.lem.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.journey.JourneyEngine.Resume;
import dev.lem.journey.JourneyEngine.Run;
import dev.lem.lead.Attribution;
import dev.lem.lead.Consent;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.Touch;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JourneyEngineTest {

    static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    /** A Monday, 10:00 UTC (11:00 in Berlin). */
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final JourneyParser parser = JourneyParser.create();
    private final JourneyEngine engine = new JourneyEngine();

    private Journey journey(String steps) {
        return parser.parse("""
                {"schemaVersion":1,"id":"j","version":2,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":%s}""".formatted(steps));
    }

    private static Enrolment enrolment(Journey journey, LeadId lead) {
        return Enrolment.start(lead, journey, 1, "t-1", NOW, Map.of("formId", "demo"));
    }

    private static Facts facts(Map<String, String> profile, int score, LeadState state) {
        Touch touch = new Touch("newsletter", "email", "nov", null, null, null, null, null, null, null, "demo", NOW);
        Lead lead = new Lead(LEAD, "h", null, profile, state, NOW, score,
                Map.of("email", new Consent(true, "v1", NOW)), NOW, NOW, 1, new Attribution(touch, touch), Map.of());
        return Facts.of(lead, Map.of("formId", "demo"), Map.of());
    }

    private static Facts facts() {
        return facts(Map.of(), 20, LeadState.LEAD);
    }

    private Run start(Journey journey) {
        return engine.start(journey, enrolment(journey, LEAD), facts(), NOW);
    }

    @Test
    void send_queuesTheMessageWithItsDeterministicIdAndQuotedFactsButNeverProfileFields() {
        Journey journey = journey("""
                [{"id":"m","type":"send","channel":"sms","template":"hi",
                  "data":{"form":"$event.formId","score":"$score","name":"$profile.name","fixed":"x","missing":"$answer.q"}}]""");

        Run run = engine.start(journey, enrolment(journey, LEAD), facts(Map.of("name", "Ada"), 20, LeadState.LEAD), NOW);

        assertThat(run.effects()).containsExactly(new Effect.Send(new NotifyMessage("j.1." + LEAD.value(), LEAD, Channel.SMS,
                MessageCategory.MARKETING, "j", "hi", Map.of("form", "demo", "score", "20", "fixed", "x"))));
        assertThat(run.outcome()).isEqualTo(new Outcome.Ended(Enrolment.Status.COMPLETED, 1));
    }

    @Test
    void waitDuration_parksAtTheWaitUntilTheDurationAndTheTimerResumesAfterIt() {
        Journey journey = journey("""
                [{"id":"w","type":"wait","duration":"PT36H"},{"id":"m","type":"send","channel":"email","template":"t"}]""");

        Run first = start(journey);
        assertThat(first.effects()).isEmpty();
        assertThat(first.outcome()).isEqualTo(new Outcome.Parked(1, NOW.plus(Duration.ofHours(36))));

        Enrolment parked = enrolment(journey, LEAD).parkedAt(1, "x", NOW);
        Run resumed = engine.resume(journey, parked, Resume.TIMER, facts(), NOW.plus(Duration.ofHours(36)));
        assertThat(resumed.effects()).hasSize(1);
        assertThat(resumed.outcome()).isEqualTo(new Outcome.Ended(Enrolment.Status.COMPLETED, 2));
    }

    @Test
    void waitWindow_whenOpenNow_goesOnAtOnce_elseParksUntilItOpensInTheLeadsZone() {
        Journey berlinMornings = journey("""
                [{"id":"w","type":"wait","window":{"from":"09:00","to":"12:00","days":["mon","tue"],
                   "timeZone":"Europe/Berlin","timeZoneField":"profile.tz"}},
                 {"id":"m","type":"send","channel":"email","template":"t"}]""");

        // Monday 11:00 in Berlin: open
        assertThat(start(berlinMornings).outcome()).isEqualTo(new Outcome.Ended(Enrolment.Status.COMPLETED, 2));
        // the lead lives in New York: 05:00 there, opens at 09:00 New York = 14:00 UTC
        Run newYork = engine.start(berlinMornings, enrolment(berlinMornings, LEAD),
                facts(Map.of("tz", "America/New_York"), 0, LeadState.LEAD), NOW);
        assertThat(newYork.outcome()).isEqualTo(new Outcome.Parked(1, Instant.parse("2026-11-23T14:00:00Z")));
        // a lead's unknown zone falls back to the journey's zone
        Run unknownZone = engine.start(berlinMornings, enrolment(berlinMornings, LEAD),
                facts(Map.of("tz", "Atlantis/Capital"), 0, LeadState.LEAD), NOW);
        assertThat(unknownZone.outcome()).isInstanceOf(Outcome.Ended.class);
        // Tuesday 13:00 Berlin: closed; next opening is next Monday 09:00 Berlin = 08:00 UTC
        Run late = engine.start(berlinMornings, enrolment(berlinMornings, LEAD), facts(), Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(late.outcome()).isEqualTo(new Outcome.Parked(1, Instant.parse("2026-11-30T08:00:00Z")));
    }

    @Test
    void waitWindow_overnight_isOpenAfterMidnight() {
        Journey nights = journey("""
                [{"id":"w","type":"wait","window":{"from":"22:00","to":"06:00"}},{"id":"x","type":"exit"}]""");

        assertThat(engine.start(nights, enrolment(nights, LEAD), facts(), Instant.parse("2026-11-24T03:00:00Z")).outcome())
                .isEqualTo(new Outcome.Ended(Enrolment.Status.EXITED, 2));
        assertThat(start(nights).outcome()).isEqualTo(new Outcome.Parked(1, Instant.parse("2026-11-23T22:00:00Z")));
    }

    @Test
    void waitEvent_parksUntilTheTimeout_eventTakesNext_timeoutTakesOnTimeout() {
        Journey journey = journey("""
                [{"id":"w","type":"wait","event":{"detail-type":["lead.scored"]},"timeout":"P2D","onTimeout":"late"},
                 {"id":"hot","type":"send","channel":"email","template":"hot","next":"end"},
                 {"id":"late","type":"send","channel":"email","template":"late"},
                 {"id":"end","type":"exit"}]""");
        assertThat(start(journey).outcome()).isEqualTo(new Outcome.Parked(1, NOW.plus(Duration.ofDays(2))));
        Enrolment parked = enrolment(journey, LEAD).parkedAt(1, "x", NOW);

        Run onEvent = engine.resume(journey, parked, Resume.EVENT, facts(), NOW);
        Run onTimeout = engine.resume(journey, parked, Resume.TIMER, facts(), NOW);

        assertThat(templates(onEvent)).containsExactly("hot");
        assertThat(templates(onTimeout)).containsExactly("late");
        assertThat(onEvent.outcome()).isEqualTo(new Outcome.Ended(Enrolment.Status.EXITED, 4));
    }

    @Test
    void branchRules_firstMatchingRuleWins_elseOtherwise() {
        Journey journey = journey("""
                [{"id":"b","type":"branch","rules":[
                   {"when":[{"field":"score","gte":100}],"goto":"hot"},
                   {"when":[{"field":"source","eq":"newsletter"},{"field":"consent.email","eq":true}],"goto":"warm"}],
                  "otherwise":"cold"},
                 {"id":"hot","type":"send","channel":"email","template":"hot","next":"end"},
                 {"id":"warm","type":"send","channel":"email","template":"warm","next":"end"},
                 {"id":"cold","type":"send","channel":"email","template":"cold"},
                 {"id":"end","type":"exit"}]""");

        assertThat(templates(engine.start(journey, enrolment(journey, LEAD), facts(Map.of(), 120, LeadState.MQL), NOW)))
                .containsExactly("hot");
        assertThat(templates(start(journey))).containsExactly("warm");
        Lead noSource = new Lead(LEAD, "h", null, Map.of(), LeadState.LEAD, NOW, 5, Map.of(), NOW, NOW, 1);
        assertThat(templates(engine.start(journey, enrolment(journey, LEAD), Facts.of(noSource, Map.of(), Map.of()), NOW)))
                .containsExactly("cold");
    }

    private static final String AB = """
            [{"id":"ab","type":"branch","split":{"variants":[{"name":"a","percent":30,"goto":"a"},
               {"name":"b","percent":60,"goto":"b"}],"holdoutPercent":10}},
             {"id":"a","type":"send","channel":"email","template":"a","next":"end"},
             {"id":"b","type":"send","channel":"email","template":"b","next":"end"},
             {"id":"end","type":"exit"}]""";

    @Test
    void branchSplit_isDeterministicPerLead() {
        Journey journey = journey(AB);
        for (int i = 0; i < 200; i++) {
            LeadId lead = new LeadId(UUID.nameUUIDFromBytes(("lead-" + i).getBytes()).toString());
            Run first = engine.start(journey, enrolment(journey, lead), facts(), NOW);
            Run again = engine.start(journey, Enrolment.start(lead, journey, 2, "t-2", NOW.plus(Duration.ofDays(9)), Map.of()),
                    facts(), NOW.plus(Duration.ofDays(9)));
            assertThat(variant(again)).as("lead %s", lead).isEqualTo(variant(first));
        }
    }

    @Test
    void branchSplit_dividesLeadsInTheConfiguredRatiosWithTheHoldoutLeaving() {
        Journey journey = journey(AB);
        Map<String, Integer> counts = new java.util.TreeMap<>();
        int leads = 20_000;
        for (int i = 0; i < leads; i++) {
            LeadId lead = new LeadId(UUID.nameUUIDFromBytes(("ratio-" + i).getBytes()).toString());
            counts.merge(variant(engine.start(journey, enrolment(journey, lead), facts(), NOW)), 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("a", "b", "holdout");
        assertThat(counts.get("holdout") / (double) leads).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("a") / (double) leads).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.015));
        assertThat(counts.get("b") / (double) leads).isCloseTo(0.60, org.assertj.core.data.Offset.offset(0.015));
    }

    @Test
    void branchSplit_whenVariantsLeaveARest_theRestGoesOn() {
        Journey journey = journey("""
                [{"id":"ab","type":"branch","split":{"variants":[{"name":"a","percent":0.000001,"goto":"a"}]}},
                 {"id":"rest","type":"send","channel":"email","template":"rest","next":"end"},
                 {"id":"a","type":"send","channel":"email","template":"a"},
                 {"id":"end","type":"exit"}]""");

        assertThat(templates(start(journey))).containsExactly("rest");
    }

    @Test
    void update_emitsTheChangeOnceAndLaterBranchesSeeIt() {
        Journey journey = journey("""
                [{"id":"u","type":"update","state":"mql","points":90,"tags":["webinar"]},
                 {"id":"b","type":"branch","rules":[{"when":[{"field":"score","gte":110},{"field":"state","eq":"mql"},
                   {"field":"tags","contains":"webinar"}],"goto":"yes"}],"otherwise":"no"},
                 {"id":"yes","type":"send","channel":"email","template":"yes","next":"no"},
                 {"id":"no","type":"exit"}]""");

        Run run = start(journey);

        assertThat(run.effects().getFirst()).isEqualTo(new Effect.UpdateLead("j.1." + LEAD.value(), Optional.of(LeadState.MQL),
                90, List.of("webinar")));
        assertThat(templates(run)).containsExactly("yes");
    }

    @Test
    void handToSales_emitsTheHandOffWithTheLeadsFacts() {
        Journey journey = journey("""
                [{"id":"s","type":"handToSales","assignment":"round-robin","owners":[{"id":"ann"},{"id":"bob"}]}]""");

        Run run = start(journey);

        assertThat(run.effects()).singleElement().isInstanceOfSatisfying(Effect.HandOff.class, h -> {
            assertThat(h.taskId()).isEqualTo("j.1." + LEAD.value());
            assertThat(h.step().owners()).extracting(Step.Owner::id).containsExactly("ann", "bob");
            assertThat(h.facts().value("score")).contains("20");
        });
    }

    @Test
    void survey_sendsTheQuestionAndParksUntilTheAnswerOrTimeout_thenBranchesOnTheAnswer() {
        Journey journey = journey("""
                [{"id":"q","type":"survey","template":"nps","question":"Recommend us?","timeout":"P7D"},
                 {"id":"b","type":"branch","rules":[{"when":[{"field":"answer.q","lte":6}],"goto":"detractor"}],"otherwise":"end"},
                 {"id":"detractor","type":"handToSales","assignment":"round-robin","owners":[{"id":"care"}]},
                 {"id":"end","type":"exit"}]""");

        Run asked = start(journey);
        assertThat(asked.effects()).singleElement().isInstanceOfSatisfying(Effect.Send.class, s ->
                assertThat(s.message().data()).containsEntry("question", "Recommend us?").containsEntry("survey", "j.q")
                        .containsEntry("scale", "0-10"));
        assertThat(asked.outcome()).isEqualTo(new Outcome.Parked(1, NOW.plus(Duration.ofDays(7))));

        Enrolment parked = enrolment(journey, LEAD).parkedAt(1, "x", NOW);
        Run unhappy = engine.resume(journey, parked.withAnswer("q", "3"), Resume.EVENT,
                Facts.of(new Lead(LEAD, "h", null, Map.of(), LeadState.LEAD, NOW, 0, Map.of(), NOW, NOW, 1), Map.of(),
                        Map.of("q", "3")), NOW);
        Run noAnswer = engine.resume(journey, parked, Resume.TIMER, facts(), NOW);
        assertThat(unhappy.effects()).singleElement().isInstanceOf(Effect.HandOff.class);
        assertThat(noAnswer.effects()).isEmpty();
        assertThat(noAnswer.outcome()).isEqualTo(new Outcome.Ended(Enrolment.Status.EXITED, 4));
    }

    @Test
    void exit_endsAtOnceAndLaterStepsNeverRun() {
        Journey journey = journey("""
                [{"id":"x","type":"exit"},{"id":"m","type":"send","channel":"email","template":"never"}]""");

        Run run = start(journey);

        assertThat(run.effects()).isEmpty();
        assertThat(run.outcome()).isEqualTo(new Outcome.Ended(Enrolment.Status.EXITED, 1));
    }

    @Test
    void aLoopWithoutAWait_endsAfterTheStepLimitInsteadOfSpinning() {
        Journey journey = journey("""
                [{"id":"a","type":"update","points":1,"next":"b"},{"id":"b","type":"update","points":1,"next":"a"}]""");

        Run run = start(journey);

        assertThat(run.effects()).hasSize(JourneyEngine.MAX_STEPS_PER_RUN);
        assertThat(run.outcome()).isInstanceOfSatisfying(Outcome.Ended.class,
                e -> assertThat(e.status()).isEqualTo(Enrolment.Status.EXITED));
    }

    @Test
    void enrolment_namesMessagesAndTimersPerRunAndKeepsTimerNamesValid() {
        Journey journey = journey("[{\"id\":\"x\",\"type\":\"exit\"}]");
        Enrolment first = enrolment(journey, LEAD);
        Enrolment second = Enrolment.start(LEAD, journey, 2, "t-2", NOW, Map.of());
        Journey longId = parser.parse("""
                {"schemaVersion":1,"id":"a-very-long-journey-identifier-of-40-chr","version":1,
                 "entry":{"event":{"source":["lem"],"detail-type":["lead.captured"]}},"steps":[{"id":"x","type":"exit"}]}""");

        assertThat(first.messageId(3)).isEqualTo("j.3." + LEAD.value());
        assertThat(second.messageId(3)).isEqualTo("j.r2.3." + LEAD.value());
        assertThat(first.timerName(3)).isEqualTo("j-3-" + LEAD.value());
        assertThat(second.timerName(3)).isEqualTo("j-2.3-" + LEAD.value());
        String hashed = Enrolment.start(LEAD, longId, 1, "t", NOW, Map.of()).timerName(12);
        assertThat(hashed).hasSizeLessThanOrEqualTo(64).matches("[0-9a-zA-Z._-]+").endsWith("-12-" + LEAD.value());
        assertThat(Enrolment.start(LEAD, longId, 2, "t", NOW, Map.of()).timerName(12)).isNotEqualTo(hashed);
    }

    @Test
    void reEntry_neverAfterDaysAlways_andNeverWhileActive() {
        Journey journey = journey("[{\"id\":\"x\",\"type\":\"exit\"}]");
        Enrolment ended = enrolment(journey, LEAD).ended(Enrolment.Status.COMPLETED, 1, NOW);
        Enrolment active = enrolment(journey, LEAD);
        ReEntry after = new ReEntry(ReEntry.Policy.AFTER, Optional.of(Duration.ofDays(30)));
        ReEntry always = new ReEntry(ReEntry.Policy.ALWAYS, Optional.empty());

        assertThat(ReEntry.NEVER.allows(ended, NOW.plus(Duration.ofDays(999)))).isFalse();
        assertThat(after.allows(ended, NOW.plus(Duration.ofDays(29)))).isFalse();
        assertThat(after.allows(ended, NOW.plus(Duration.ofDays(30)))).isTrue();
        assertThat(always.allows(ended, NOW)).isTrue();
        assertThat(always.allows(active, NOW.plus(Duration.ofDays(999)))).isFalse();
    }

    @Test
    void conditions_compareNumbersNumericallyAndTextExactly() {
        Facts facts = facts(Map.of("country", "DE", "employees", "250"), 99, LeadState.MQL);

        assertThat(holds(facts, "{\"field\":\"score\",\"lt\":100}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"score\",\"gt\":99}")).isFalse();
        assertThat(holds(facts, "{\"field\":\"profile.employees\",\"gte\":200}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"profile.employees\",\"eq\":250.0}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"profile.country\",\"in\":[\"AT\",\"DE\"]}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"profile.country\",\"ne\":\"DE\"}")).isFalse();
        assertThat(holds(facts, "{\"field\":\"profile.missing\",\"ne\":\"DE\"}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"profile.missing\",\"exists\":false}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"profile.missing\",\"gte\":1}")).isFalse();
        assertThat(holds(facts, "{\"field\":\"profile.country\",\"gte\":1}")).isFalse();
        assertThat(holds(facts, "{\"field\":\"state\",\"eq\":\"mql\"}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"medium\",\"contains\":\"mai\"}")).isTrue();
        assertThat(holds(facts, "{\"field\":\"tags\",\"exists\":true}")).isFalse();
    }

    private static boolean holds(Facts facts, String condition) {
        return Condition.all(JourneyParser.conditions(dev.lem.json.Json.tree("[" + condition + "]")), facts);
    }

    private static String variant(Run run) {
        if (run.outcome() instanceof Outcome.Ended e && e.status() == Enrolment.Status.HOLDOUT) {
            return "holdout";
        }
        return templates(run).getFirst();
    }

    private static List<String> templates(Run run) {
        return run.effects().stream().filter(Effect.Send.class::isInstance)
                .map(e -> ((Effect.Send) e).message().template()).toList();
    }

}
