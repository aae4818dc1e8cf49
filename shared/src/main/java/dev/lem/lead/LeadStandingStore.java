package dev.lem.lead;

import java.util.List;
import java.util.Optional;

/** Leads' standings (scores, explanation, contact status, pending timers) and lifecycle logs. */
public interface LeadStandingStore {

    /** The stored standing, or empty when none was written yet. */
    Optional<LeadStanding> find(LeadId id);

    /** The lead's lifecycle log, oldest first. */
    List<StateEntry> history(LeadId id);

    /**
     * Writes lead (score, state, time entered), standing, activity and state entry in one transaction; stores
     * both versions + 1.
     *
     * @throws DuplicateActivityException when the activity is already recorded (nothing written)
     * @throws LeadConflictException      when the lead or the standing changed since they were read
     * @throws LeadNotFoundException      when the lead does not exist
     */
    void save(StandingWrite write);
}
