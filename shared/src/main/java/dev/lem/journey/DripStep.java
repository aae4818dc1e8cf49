package dev.lem.journey;

import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.Objects;

/**
 * The payload a journey timer delivers: enrolment ({@code campaignId} = the journey id) run {@code run} of journey
 * version {@code journeyVersion} parked at position {@code step} after move {@code seq}. Drip acts only if the
 * enrolment is still exactly there, so a late, repeated or superseded firing does nothing.
 */
public record DripStep(LeadId leadId, String campaignId, int step, Instant dueAt, int journeyVersion, int run, int seq) {
    public DripStep {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(dueAt, "dueAt");
        if (step < 1) {
            throw new IllegalArgumentException("step must be 1 or more");
        }
    }

    /** The timer of an enrolment parked at its position. */
    public static DripStep of(Enrolment parked, Instant dueAt) {
        return new DripStep(parked.leadId(), parked.journeyId(), parked.position(), dueAt, parked.journeyVersion(),
                parked.run(), parked.seq());
    }

    /** Whether {@code enrolment} still waits for exactly this timer. */
    public boolean isCurrentFor(Enrolment enrolment) {
        return enrolment.isActive() && enrolment.journeyId().equals(campaignId) && enrolment.journeyVersion() == journeyVersion
                && enrolment.run() == run && enrolment.seq() == seq && enrolment.position() == step;
    }
}
