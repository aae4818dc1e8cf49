package dev.lem.testing.fakes;

import dev.lem.journey.ScoreExplanations;
import dev.lem.journey.BuiltInJourneys;
import dev.lem.journey.CompiledJourney;
import dev.lem.journey.Enrolment;
import dev.lem.journey.Facts;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyEngine;
import dev.lem.journey.JourneyCatalog;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.JourneyRunner;
import dev.lem.journey.LayeredJourneySource;
import dev.lem.journey.LeadStoreUpdater;
import dev.lem.journey.SalesAssignment;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Everything a journey needs, in memory: built-in journeys under {@link #journeys} (deploy more there), enrolments,
 * leads, the notify queue, the scheduler and round-robin counters, wired into a catalog and a runner as
 * {@code JourneyRuntime} wires the real ones. The clock is fixed; move it with {@link #clock(Instant)}.
 */
public final class JourneyFakes {

    public final JourneyParser parser = JourneyParser.create();
    public final InMemoryJourneySource journeys = new InMemoryJourneySource();
    public final InMemoryEnrolmentStore enrolments = new InMemoryEnrolmentStore();
    public final InMemoryLeadStore leads = new InMemoryLeadStore();
    public final RecordingQueue notifyQueue = new RecordingQueue();
    /** Where update steps queue their lifecycle moves for scoring. */
    public final RecordingQueue activityQueue = new RecordingQueue();
    public final RecordingStepScheduler scheduler = new RecordingStepScheduler();
    public final InMemoryAssignmentCounter counter = new InMemoryAssignmentCounter();
    public final InMemoryLeadStandingStore standings = new InMemoryLeadStandingStore(leads);
    private final SettableClock clock;
    public final JourneyCatalog catalog;
    public final JourneyRunner runner;

    public JourneyFakes(Instant now) {
        this.clock = new SettableClock(now);
        this.catalog = new JourneyCatalog(new LayeredJourneySource(BuiltInJourneys.load(parser), journeys), clock, Duration.ZERO);
        this.runner = new JourneyRunner(enrolments, notifyQueue, scheduler, new LeadStoreUpdater(leads, activityQueue),
                new SalesAssignment(counter), ScoreExplanations.from(standings));
    }

    public Clock clock() {
        return clock;
    }

    public void clock(Instant now) {
        clock.set(now);
    }

    /** Parses and deploys a journey document. */
    public void deploy(String document) {
        journeys.deploy(parser.parse(document), document);
    }

    /**
     * Enrols a stored lead in the latest version of a journey and runs its first steps, as the router does for an
     * entry event with these properties; returns the enrolment after the run.
     */
    public Enrolment enter(LeadId leadId, String journeyId, String trigger, Map<String, String> context) {
        Journey journey = catalog.current().stream().map(CompiledJourney::journey).filter(j -> j.id().equals(journeyId))
                .findFirst().orElseThrow(() -> new AssertionError("no journey " + journeyId));
        Enrolment enrolment = Enrolment.start(leadId, journey, 1, trigger, clock.instant(), context);
        if (!enrolments.create(enrolment, java.util.Optional.empty())) {
            throw new AssertionError(leadId + " is enrolled in " + journeyId + " already");
        }
        Facts facts = Facts.of(leads.get(leadId), context, Map.of());
        return runner.perform(journey, enrolment, new JourneyEngine().start(journey, enrolment, facts, clock.instant()),
                clock.instant());
    }

    /** A plain lead (state lead, score 20, no consents, no profile) stored and returned. */
    public Lead lead(LeadId id) {
        return lead(id, Map.of(), 20, LeadState.LEAD);
    }

    public Lead lead(LeadId id, Map<String, String> profile, int score, LeadState state) {
        Instant created = Instant.parse("2026-11-23T10:00:00Z");
        Lead lead = new Lead(id, "hash-" + id.value(), null, profile, state, created, score, Map.of(), created, created, 1);
        leads.put(lead);
        return lead;
    }

}
