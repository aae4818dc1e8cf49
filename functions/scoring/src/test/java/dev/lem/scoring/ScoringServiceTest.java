package dev.lem.scoring;

import dev.lem.testing.fakes.SettableClock;
import dev.lem.lead.LeadMove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.Activity;
import dev.lem.lead.ContactStatus;
import dev.lem.lead.Contribution;
import dev.lem.lead.IllegalTransitionException;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadState;
import dev.lem.lead.StateEntry;
import dev.lem.lead.VisitorActivity;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.schedule.ScheduleException;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryVisitorStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringServiceTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private static final Map<String, String> PRICING_PAGE = Map.of("page", "acme.example/pricing");
    private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");
    /** Primary model m: forms 60 points halving every 10 days, clicks 10; MQL at 100. Model p: pricing pages. */
    private static final ScoreModels MODELS = ScoreModels.parse("""
            { "models": [
              { "name": "m", "version": "m-3", "primary": true, "thresholds": { "mql": 100 }, "fit": [],
                "engagement": [
                  { "id": "form", "activity": "form.submitted", "points": 60, "halfLife": "P10D" },
                  { "id": "click", "activity": "email.click", "points": 10 } ] },
              { "name": "p", "version": "p-1", "fit": [],
                "engagement": [ { "id": "pricing", "activity": "page.view", "page": "*/pricing*", "points": 25 } ] } ] }""",
            "test");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryLeadStandingStore standings = new InMemoryLeadStandingStore(leads);
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingStepScheduler scheduler = new RecordingStepScheduler();
    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryVisitorStore visitors = new InMemoryVisitorStore();
    private final ScoringService service = new ScoringService(leads, standings, bus, scheduler, MODELS,
            SlaPolicy.DEFAULT, clock, new VisitorTimeline(visitors));

    @BeforeEach
    void seedLead() {
        leads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED, 4));
    }

    private static Activity activity(String id, String type, Instant at) {
        return new Activity(id, LEAD, type, at, Map.of("page", "acme.example/pricing"));
    }

    private LeadStanding standing() {
        return standings.find(LEAD).orElseThrow();
    }

    private <T extends LemEvent> List<T> published(Class<T> type) {
        return bus.published().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void reachMql() {
        service.apply(activity("f-1", "form.submitted", NOW));
        service.apply(activity("f-2", "form.submitted", NOW));
    }

    @Test
    void apply_whenAnActivityScores_storesScoreRulesVersionAndExplanationAndPublishesLeadScored() {
        service.apply(activity("f-1", "form.submitted", NOW));

        assertThat(leads.get(LEAD).score()).isEqualTo(60);
        assertThat(leads.get(LEAD).version()).isEqualTo(5);
        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("f-1");
        assertThat(standing().scores().get("m").rulesVersion()).isEqualTo("m-3");
        assertThat(standing().scores().get("m").topContributions()).containsExactly(new Contribution("form", 60));
        assertThat(bus.published()).containsExactly(new LeadScored("scored-m-f-1", NOW, LEAD.value(), 60, 0, "m-3", "f-1",
                "m", List.of(new Contribution("form", 60))));
    }

    @Test
    void apply_whenAPersonOpensOrClicksAMessage_publishesLeadActivityNamingTheMessageUnderTheActivityId() {
        String message = "welcome.2." + LEAD.value();
        service.apply(new Activity("o-1", LEAD, "email.open", NOW, Map.of("messageId", message)));
        service.apply(new Activity("o-1", LEAD, "email.open", NOW, Map.of("messageId", message)));
        service.apply(new Activity("o-2", LEAD, "email.open.automated", NOW, Map.of("messageId", message)));
        service.apply(new Activity("c-1", LEAD, "email.click", NOW, Map.of("messageId", message, "url", "acme.example/")));
        service.apply(new Activity("o-3", LEAD, "email.open", NOW.plusSeconds(60), Map.of("messageId", message)));

        // the redelivered open publishes the same event again (same id: consumers count it once); automated: none;
        // a second open of the same message: none (reports count a message's opens once)
        assertThat(published(dev.lem.events.LeadActivity.class).stream().distinct().toList()).containsExactly(
                dev.lem.events.LeadActivity.ofMessage("o-1", NOW, LEAD.value(), "email.open", message),
                dev.lem.events.LeadActivity.ofMessage("c-1", NOW, LEAD.value(), "email.click", message));
    }

    @Test
    void apply_whenTheLeadMovesState_publishesItsFirstAndLastTouchAndWhenItEnteredTheOldState() {
        dev.lem.lead.Touch first = new dev.lem.lead.Touch("google", "cpc", "brand", null, null, null, null, null, null, null,
                "demo", CREATED);
        dev.lem.lead.Touch last = new dev.lem.lead.Touch("newsletter", "email", "webinar", null, null, null, null, null, null,
                null, "webinar", CREATED.plusSeconds(60));
        Lead lead = leads.get(LEAD);
        leads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED,
                lead.version(), new dev.lem.lead.Attribution(first, last), Map.of()));

        reachMql();

        assertThat(published(LeadStateChanged.class)).singleElement().satisfies(changed -> {
            assertThat(changed.fromEnteredAt()).isEqualTo(CREATED);
            assertThat(changed.firstTouch()).isEqualTo(new dev.lem.events.EventTouch("brand", "google", "demo"));
            assertThat(changed.lastTouch()).isEqualTo(new dev.lem.events.EventTouch("webinar", "newsletter", "webinar"));
        });
    }

    @Test
    void apply_whenAnActivityCountsInSeveralModels_publishesOneLeadScoredPerModelThatChanged() {
        service.apply(activity("f-1", "form.submitted", NOW));
        service.apply(activity("v-1", "page.view", NOW));

        assertThat(standing().scores()).containsOnlyKeys("m", "p");
        assertThat(standing().scores().get("p").score()).isEqualTo(25);
        assertThat(published(LeadScored.class)).extracting(LeadScored::eventId).containsExactly("scored-m-f-1", "scored-p-v-1");
        assertThat(leads.get(LEAD).score()).isEqualTo(60); // the primary model's
    }

    @Test
    void apply_whenTheLastActivityIsRedelivered_changesNothingAndRepublishesItsEventsUnderTheSameIds() {
        service.apply(activity("f-1", "form.submitted", NOW));
        List<LemEvent> first = bus.published();
        long versionBefore = leads.get(LEAD).version();
        clock.advance(Duration.ofHours(1));

        service.apply(activity("f-1", "form.submitted", NOW));

        assertThat(leads.get(LEAD).version()).isEqualTo(versionBefore);
        assertThat(leads.get(LEAD).score()).isEqualTo(60);
        assertThat(bus.published()).hasSize(2 * first.size());
        assertThat(bus.published().subList(first.size(), bus.published().size())).isEqualTo(first);
    }

    @Test
    void apply_whenAnOlderActivityIsRedelivered_changesAndPublishesNothing() {
        service.apply(activity("f-1", "form.submitted", NOW));
        service.apply(activity("c-1", "email.click", NOW));
        int eventsBefore = bus.published().size();
        long versionBefore = leads.get(LEAD).version();

        service.apply(activity("f-1", "form.submitted", NOW));

        assertThat(leads.get(LEAD).version()).isEqualTo(versionBefore);
        assertThat(bus.published()).hasSize(eventsBefore);
    }

    @Test
    void apply_whenPublishingFailsAfterTheWrite_theRedeliveryPublishesTheSameEvents() {
        bus.failNextCallWith(new dev.lem.bus.EventPublishException("bus down", null));

        assertThatThrownBy(() -> service.apply(activity("f-1", "form.submitted", NOW)))
                .isInstanceOf(dev.lem.bus.EventPublishException.class);
        assertThat(leads.get(LEAD).score()).isEqualTo(60);
        assertThat(bus.published()).isEmpty();

        service.apply(activity("f-1", "form.submitted", NOW));

        assertThat(bus.published()).extracting(LemEvent::eventId).containsExactly("scored-m-f-1");
    }

    /**
     * Found by {@code lem bench faults}: the move's publish crashed after the write, another activity of the lead was
     * applied before the redelivery, and the redelivery — no longer the last write — republished nothing, so the
     * lead was an MQL that no {@code lead.state-changed} ever announced.
     */
    @Test
    void apply_whenAMovesPublishIsLostAndAnotherActivityLandsFirst_theNextWritePublishesTheMoveAgainUnderItsId() {
        service.apply(activity("f-1", "form.submitted", NOW));
        bus.failNextCallWith(new dev.lem.bus.EventPublishException("crashed after the write", null));
        assertThatThrownBy(() -> service.apply(activity("f-2", "form.submitted", NOW)))
                .isInstanceOf(dev.lem.bus.EventPublishException.class);
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.MQL);
        assertThat(published(LeadStateChanged.class)).isEmpty();

        service.apply(activity("c-1", "email.click", NOW));
        service.apply(activity("f-2", "form.submitted", NOW)); // the redelivery: already applied, not the last write

        assertThat(published(LeadStateChanged.class)).singleElement().satisfies(moved -> {
            assertThat(moved.to()).isEqualTo("mql");
            assertThat(moved.eventId()).isEqualTo("state-" + LEAD.value() + "-mql-" + NOW.toEpochMilli());
        });
        // once carried, never again: the write after does not repeat it
        service.apply(activity("c-2", "email.click", NOW));
        assertThat(published(LeadStateChanged.class)).hasSize(1);
    }

    @Test
    void apply_whenNoRuleMatches_recordsTheActivityButPublishesNothing() {
        service.apply(activity("w-1", "webinar.attended", NOW));

        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("w-1");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void apply_whenActivitiesArriveOutOfOrder_endsWhereInOrderDeliveryEnds() {
        service.apply(activity("c-2", "email.click", NOW.minus(Duration.ofDays(1))));
        service.apply(activity("f-1", "form.submitted", NOW.minus(Duration.ofDays(10))));
        LeadStanding outOfOrder = standing();

        InMemoryLeadStore otherLeads = new InMemoryLeadStore();
        otherLeads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED, 4));
        InMemoryLeadStandingStore otherStandings = new InMemoryLeadStandingStore(otherLeads);
        ScoringService other = new ScoringService(otherLeads, otherStandings, new RecordingEventBus(),
                new RecordingStepScheduler(), MODELS, SlaPolicy.DEFAULT, clock, new VisitorTimeline(new InMemoryVisitorStore()));
        other.apply(activity("f-1", "form.submitted", NOW.minus(Duration.ofDays(10))));
        other.apply(activity("c-2", "email.click", NOW.minus(Duration.ofDays(1))));

        assertThat(outOfOrder.scores().get("m").score()).isEqualTo(30 + 10);
        assertThat(outOfOrder.scores()).isEqualTo(otherStandings.find(LEAD).orElseThrow().scores());
    }

    @Test
    void apply_whenTheScoreReachesTheMqlThreshold_movesToMqlStartsTheSlaTimerAndTheDecayTimer() {
        reachMql();

        Lead lead = leads.get(LEAD);
        assertThat(lead.state()).isEqualTo(LeadState.MQL);
        assertThat(lead.stateEnteredAt()).isEqualTo(NOW);
        assertThat(standings.history(LEAD)).singleElement().satisfies(entry -> {
            assertThat(entry.from()).isEqualTo(LeadState.LEAD);
            assertThat(entry.to()).isEqualTo(LeadState.MQL);
            assertThat(entry.reason()).isEqualTo("MQL threshold reached: m 120 >= 100");
        });
        assertThat(published(LeadStateChanged.class)).containsExactly(new LeadStateChanged(
                "state-" + LEAD.value() + "-mql-" + NOW.toEpochMilli(), NOW, LEAD.value(), "lead", "mql",
                "MQL threshold reached: m 120 >= 100", false, CREATED, null, null));
        String sla = "sla-mql-" + LEAD.value() + "-" + NOW.getEpochSecond();
        assertThat(scheduler.pending()).containsKey(sla);
        assertThat(scheduler.pending().get(sla).at()).isEqualTo(NOW.plus(Duration.ofHours(48)));
        assertThat(Json.read(scheduler.pending().get(sla).payloadJson(), LeadTimer.class))
                .isEqualTo(LeadTimer.sla(LEAD, LeadState.MQL, NOW));
        // round(120 × 2^(−t/10d)) < 100 once t > 10d × log2(120/99.5) ≈ 2d 16h 51m 50s
        RecordingStepScheduler.Schedule decay = scheduler.pending().values().stream()
                .filter(s -> s.name().startsWith("decay-")).findFirst().orElseThrow();
        assertThat(Duration.between(NOW, decay.at())).isBetween(Duration.parse("PT64H51M"), Duration.parse("PT64H52M"));
        assertThat(standing().decayTimer()).contains(decay.name());
        assertThat(standing().slaTimer()).contains(sla);
    }

    @Test
    void onTimer_whenTheDecayTimerFires_movesTheMqlToReMarketAndCancelsItsSlaTimer() {
        reachMql();
        RecordingStepScheduler.Schedule decay = scheduler.pending().values().stream()
                .filter(s -> s.name().startsWith("decay-")).findFirst().orElseThrow();
        String sla = standing().slaTimer().orElseThrow();
        clock.set(decay.at());
        bus.published();
        int before = bus.published().size();

        service.handle(decay.payloadJson());

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.RE_MARKET);
        assertThat(leads.get(LEAD).score()).isEqualTo(99);
        // the first write after the move to MQL carries that move again (same id), in case its publish was lost
        assertThat(bus.published().subList(before, bus.published().size())).extracting(LemEvent::detailType)
                .extracting(Enum::name).containsExactly("LEAD_STATE_CHANGED", "LEAD_SCORED", "LEAD_STATE_CHANGED");
        assertThat(bus.published().get(before).eventId()).isEqualTo(published(LeadStateChanged.class).getFirst().eventId());
        assertThat(published(LeadStateChanged.class).getLast().to()).isEqualTo("re-market");
        assertThat(scheduler.cancelled()).containsExactly(sla);
        assertThat(standing().slaTimer()).isEmpty();
        assertThat(standing().decayTimer()).isEmpty();
        assertThat(standings.history(LEAD)).extracting(StateEntry::to).containsExactly(LeadState.MQL, LeadState.RE_MARKET);
    }

    @Test
    void onTimer_whenTheSameDecayTimerFiresAgain_changesNothingAndOnlyRepeatsItsEvents() {
        reachMql();
        RecordingStepScheduler.Schedule decay = scheduler.pending().values().stream()
                .filter(s -> s.name().startsWith("decay-")).findFirst().orElseThrow();
        clock.set(decay.at());
        service.handle(decay.payloadJson());
        List<LemEvent> before = bus.published();
        long version = leads.get(LEAD).version();

        service.handle(decay.payloadJson());

        assertThat(leads.get(LEAD).version()).isEqualTo(version);
        assertThat(bus.published().stream().map(LemEvent::eventId).distinct().toList())
                .isEqualTo(before.stream().map(LemEvent::eventId).distinct().toList());
    }

    @Test
    void onTimer_whenTheSlaTimerFiresWhileStillMql_publishesABreach() {
        reachMql();
        clock.advance(Duration.ofHours(48));
        String payload = scheduler.pending().get(standing().slaTimer().orElseThrow()).payloadJson();

        service.handle(payload);

        LeadStateChanged breach = published(LeadStateChanged.class).getLast();
        assertThat(breach.slaBreached()).isTrue();
        assertThat(breach.from()).isEqualTo("mql");
        assertThat(breach.to()).isEqualTo("mql");
        assertThat(breach.eventId()).isEqualTo("breach-sla-mql-" + LEAD.value() + "-" + NOW.getEpochSecond());
        assertThat(breach.reason()).isEqualTo("still mql after PT48H");
    }

    @Test
    void onTimer_whenTheSlaTimerFiresAfterTheLeadMovedOn_publishesNothing() {
        reachMql();
        String payload = scheduler.pending().get(standing().slaTimer().orElseThrow()).payloadJson();
        service.move(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted by sales", NOW));
        int events = bus.published().size();

        service.handle(payload);

        assertThat(bus.published()).hasSize(events);
    }

    @Test
    void move_whenSalesAcceptsTheMql_swapsTheSlaTimerAndDropsTheDecayTimer() {
        reachMql();
        String mqlSla = standing().slaTimer().orElseThrow();
        String decay = standing().decayTimer().orElseThrow();
        clock.advance(Duration.ofHours(3));

        service.handle(Json.write(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted by sales", NOW)));

        Instant entered = NOW.plus(Duration.ofHours(3));
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.SQL);
        assertThat(scheduler.cancelled()).containsExactlyInAnyOrder(mqlSla, decay);
        String sqlSla = "sla-sql-" + LEAD.value() + "-" + entered.getEpochSecond();
        assertThat(scheduler.pending()).containsOnlyKeys(sqlSla);
        assertThat(scheduler.pending().get(sqlSla).at()).isEqualTo(entered.plus(Duration.ofHours(48)));
        assertThat(published(LeadStateChanged.class).getLast()).isEqualTo(new LeadStateChanged(
                "state-" + LEAD.value() + "-sql-" + entered.toEpochMilli(), entered, LEAD.value(), "mql", "sql",
                "accepted by sales", false, NOW, null, null));
    }

    @Test
    void move_whenTheLeadBecomesACustomerAndThenANewLead_keepsTheContactACustomer() {
        reachMql();
        service.move(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted", NOW));
        service.move(LeadMove.of("mv-2", LEAD, LeadState.CUSTOMER, "won", NOW.plusSeconds(1)));
        assertThat(standing().contactStatus()).isEqualTo(ContactStatus.CUSTOMER);

        service.move(LeadMove.of("mv-3", LEAD, LeadState.LEAD, "interested in product line p", NOW.plusSeconds(2)));

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.LEAD);
        assertThat(standing().contactStatus()).isEqualTo(ContactStatus.CUSTOMER);
        assertThat(standings.history(LEAD)).extracting(StateEntry::to)
                .containsExactly(LeadState.MQL, LeadState.SQL, LeadState.CUSTOMER, LeadState.LEAD);
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void move_whenTheLifecycleForbidsIt_refusesAndWritesNothing() {
        long version = leads.get(LEAD).version();

        assertThatThrownBy(() -> service.move(LeadMove.of("mv-1", LEAD, LeadState.CUSTOMER, "skip", NOW)))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("a lead cannot move from lead to customer");

        assertThat(leads.get(LEAD).version()).isEqualTo(version);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void move_whenAnOutcomeWinsALeadTheLifecycleCannotMoveToCustomer_marksTheContactACustomerAndKeepsTheState() {
        service.handle(Json.write(LeadMove.ifAllowed("move-outcome-1", LEAD, LeadState.CUSTOMER, "won", NOW)));

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.LEAD);
        assertThat(standing().contactStatus()).isEqualTo(ContactStatus.CUSTOMER);
        assertThat(standings.history(LEAD)).isEmpty();
    }

    @Test
    void move_whenAnOutcomeWinsAnSql_movesItToCustomer() {
        reachMql();
        service.move(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted", NOW));

        service.move(LeadMove.ifAllowed("move-outcome-1", LEAD, LeadState.CUSTOMER, "won", NOW.plusSeconds(1)));

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.CUSTOMER);
        assertThat(standing().contactStatus()).isEqualTo(ContactStatus.CUSTOMER);
    }

    @Test
    void move_whenAnOutcomeIsLostOrDisqualified_movesTheLeadWhereTheLifecycleAllows() {
        service.move(LeadMove.ifAllowed("move-outcome-1", LEAD, LeadState.RE_MARKET, "chose a competitor", NOW));
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.RE_MARKET);

        service.move(LeadMove.ifAllowed("move-outcome-2", LEAD, LeadState.DISQUALIFIED, "no budget", NOW.plusSeconds(1)));

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.DISQUALIFIED);
        assertThat(standings.history(LEAD)).last().satisfies(e -> assertThat(e.reason()).isEqualTo("no budget"));
        assertThat(standing().contactStatus()).isNotEqualTo(ContactStatus.CUSTOMER);
    }

    @Test
    void move_whenAnOutcomeMoveIsForbidden_skipsItWithoutFailingOrWriting() {
        service.move(LeadMove.ifAllowed("move-outcome-1", LEAD, LeadState.RE_MARKET, "lost", NOW));
        long version = leads.get(LEAD).version();
        int published = bus.published().size();

        // re-market → sql is forbidden
        service.move(LeadMove.ifAllowed("move-outcome-2", LEAD, LeadState.SQL, "lost", NOW.plusSeconds(1)));

        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.RE_MARKET);
        assertThat(leads.get(LEAD).version()).isEqualTo(version);
        assertThat(bus.published()).hasSize(published);
    }

    @Test
    void move_whenRedelivered_changesNothingTheSecondTime() {
        reachMql();
        service.move(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted", NOW));
        List<String> ids = bus.published().stream().map(LemEvent::eventId).distinct().toList();
        long version = leads.get(LEAD).version();

        service.move(LeadMove.of("mv-1", LEAD, LeadState.SQL, "accepted", NOW));

        assertThat(leads.get(LEAD).version()).isEqualTo(version);
        assertThat(bus.published().stream().map(LemEvent::eventId).distinct().toList()).isEqualTo(ids);
    }

    @Test
    void apply_whenAnotherWriterWinsTheRace_rereadsAndAppliesOnTopOfIt() {
        service.apply(activity("f-1", "form.submitted", NOW));
        leads.beforeNextWrite(() -> {
            Lead current = leads.get(LEAD);
            leads.put(current.withVersion(current.version() + 1)); // e.g. form capture updating the profile
        });

        service.apply(activity("c-1", "email.click", NOW));

        assertThat(leads.get(LEAD).score()).isEqualTo(70);
        assertThat(leads.writes().stream().filter(w -> w.startsWith("standing:")).count()).isEqualTo(3);
    }

    @Test
    void apply_whenEveryAttemptLosesTheRace_givesUpWithAConflictSoTheMessageIsRetried() {
        leads.conflictOnEveryWrite();

        assertThatThrownBy(() -> service.apply(activity("f-1", "form.submitted", NOW)))
                .isInstanceOf(LeadConflictException.class)
                .hasMessage("lead " + LEAD + " kept changing during 5 attempts; retry later");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void apply_whenSchedulingTheSlaTimerFails_writesNothingSoTheRedeliveryTriesAgain() {
        service.apply(activity("f-1", "form.submitted", NOW));
        scheduler.failNextCallWith(new ScheduleException("throttled", true, null));

        assertThatThrownBy(() -> service.apply(activity("f-2", "form.submitted", NOW))).isInstanceOf(ScheduleException.class);
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.LEAD);

        service.apply(activity("f-2", "form.submitted", NOW));
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.MQL);
    }

    @Test
    void handle_whenBodyIsAnUnlinkedVisitorActivity_keepsItUnderTheVisitorWithoutScoringOrPublishing() {
        service.handle(Json.write(VisitorActivity.of("v-1", VID, "page.view", NOW, PRICING_PAGE)));

        assertThat(visitors.stored(VID)).extracting(VisitorActivity::activityId).containsExactly("v-1");
        assertThat(leads.timeline()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handle_whenVisitorLinkArrives_movesEarlierHitsToTheLeadAndScoresThem() {
        service.handle(Json.write(VisitorActivity.of("v-1", VID, "page.view", NOW.minusSeconds(600), PRICING_PAGE)));
        service.handle(Json.write(VisitorActivity.of("v-2", VID, "page.view", NOW.minusSeconds(300), PRICING_PAGE)));

        service.handle(Json.write(VisitorLink.of("sub-1", VID, LEAD, NOW)));

        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("v-1", "v-2");
        assertThat(leads.timeline()).allSatisfy(a -> assertThat(a.attributes()).containsEntry("visitorId", VID));
        assertThat(standing().scores().get("p").score()).isEqualTo(50);
        assertThat(published(LeadScored.class)).extracting(LeadScored::eventId).containsExactly("scored-p-v-1", "scored-p-v-2");
        assertThat(visitors.stored(VID)).isEmpty();
    }

    @Test
    void handle_whenVisitorIsLinked_scoresItsNextHitOnTheLead() {
        service.handle(Json.write(VisitorLink.of("sub-1", VID, LEAD, NOW)));

        service.handle(Json.write(VisitorActivity.of("v-3", VID, "page.view", NOW.plusSeconds(5), PRICING_PAGE)));

        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("v-3");
        assertThat(standing().scores().get("p").score()).isEqualTo(25);
        assertThat(visitors.stored(VID)).isEmpty();
    }

    @Test
    void handle_whenVisitorLinkNamesAnUnknownLead_failsSoTheQueueRetriesIt() {
        service.handle(Json.write(VisitorActivity.of("v-1", VID, "page.view", NOW, Map.of())));

        assertThatThrownBy(() -> service.handle(Json.write(VisitorLink.of("sub-1", VID, LeadId.random(), NOW))))
                .isInstanceOf(LeadNotFoundException.class);
        assertThat(visitors.stored(VID)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"kind\":\"visitor-link\",\"linkId\":\"s\",\"visitorId\":\"short\",\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"linkedAt\":\"2026-11-23T10:20:00Z\"}",
            "{\"kind\":\"visitor-activity\",\"activityId\":\"v\",\"visitorId\":\"AAECAwQFBgcICQoLDA0ODw\"}"})
    void handle_whenVisitorBodyIsMalformed_rejectsItWithoutWriting(String body) {
        assertThatThrownBy(() -> service.handle(body)).isInstanceOf(MalformedJsonException.class);
        assertThat(visitors.stored(VID)).isEmpty();
        assertThat(leads.timeline()).isEmpty();
    }

    @Test
    void handle_whenTheBodyIsNotJson_throwsMalformedJson() {
        assertThatThrownBy(() -> service.handle("{\"activityId\":")).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void handle_whenACauseIdDoesNotFitTheEventContract_usesAStableHashOfIt() {
        service.handle(Json.write(activity("Jg1b4jE7IAMEVxQ=", "form.submitted", NOW)));
        service.handle(Json.write(activity("Jg1b4jE7IAMEVxQ=", "form.submitted", NOW)));

        assertThat(published(LeadScored.class)).hasSize(2).allSatisfy(scored ->
                assertThat(scored.cause()).matches("h[0-9a-f]{32}")).extracting(LeadScored::eventId).containsOnly(
                published(LeadScored.class).getFirst().eventId());
    }
}
