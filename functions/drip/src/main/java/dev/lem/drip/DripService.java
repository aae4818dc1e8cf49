package dev.lem.drip;

import dev.lem.journey.CompiledJourney;
import dev.lem.journey.DripStep;
import dev.lem.journey.Enrolment;
import dev.lem.journey.EnrolmentStore;
import dev.lem.journey.Facts;
import dev.lem.journey.JourneyCatalog;
import dev.lem.journey.JourneyEngine;
import dev.lem.journey.JourneyRunner;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a fired journey timer: loads the enrolment, and only if it still waits exactly where the timer was set
 * (same journey version, run, seq and position) resumes it — runs the following steps and schedules the next wait.
 * A repeated, late or superseded firing (the enrolment moved on, ended, or re-entered) does nothing; a lead
 * erased meanwhile ends the enrolment.
 */
public final class DripService {

    private static final Logger LOG = LoggerFactory.getLogger(DripService.class);

    /** What a firing did. */
    public enum Fired { RAN, STALE, LEAD_GONE }

    private final JourneyCatalog catalog;
    private final EnrolmentStore enrolments;
    private final LeadStore leads;
    private final JourneyRunner runner;
    private final Clock clock;
    private final JourneyEngine engine = new JourneyEngine();

    public DripService(JourneyCatalog catalog, EnrolmentStore enrolments, LeadStore leads, JourneyRunner runner, Clock clock) {
        this.catalog = catalog;
        this.enrolments = enrolments;
        this.leads = leads;
        this.runner = runner;
        this.clock = clock;
    }

    public Fired run(DripStep step) {
        Optional<Enrolment> enrolment = enrolments.find(step.leadId(), step.campaignId()).filter(step::isCurrentFor);
        if (enrolment.isEmpty()) {
            LOG.info("timer ignored reason=stale journeyId={} run={} seq={} step={}", step.campaignId(), step.run(),
                    step.seq(), step.step());
            return Fired.STALE;
        }
        CompiledJourney journey = catalog.version(step.campaignId(), step.journeyVersion())
                .orElseThrow(() -> new IllegalStateException("journey " + step.campaignId() + "@" + step.journeyVersion()
                        + " is not deployed"));
        Instant now = clock.instant();
        Optional<Lead> lead = leads.find(step.leadId());
        if (lead.isEmpty()) {
            runner.end(enrolment.get(), Enrolment.Status.CANCELLED, now);
            LOG.info("timer ended enrolment reason=lead-gone journeyId={}", step.campaignId());
            return Fired.LEAD_GONE;
        }
        Enrolment parked = enrolment.get().timerFired();
        Facts facts = Facts.of(lead.get(), parked.context(), parked.answers());
        Enrolment after = runner.perform(journey.journey(), parked,
                engine.resume(journey.journey(), parked, JourneyEngine.Resume.TIMER, facts, now), now);
        return after == parked ? Fired.STALE : Fired.RAN;
    }
}
