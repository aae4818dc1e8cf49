package dev.lem.journey;

import dev.lem.lead.LeadId;
import java.util.List;
import java.util.Optional;

/**
 * A lead's enrolments, one item per lead × journey (the latest run). Every write is conditional, so concurrent
 * or repeated deliveries cannot enrol a lead twice or move an enrolment twice.
 */
public interface EnrolmentStore {

    Optional<Enrolment> find(LeadId leadId, String journeyId);

    /** The lead's enrolments that are still running. */
    List<Enrolment> active(LeadId leadId);

    /**
     * Stores a new enrolment: the first one ({@code replacing} empty), or a re-entry replacing the previous run.
     *
     * @return false when another writer enrolled the lead first (or the previous run changed meanwhile)
     */
    boolean create(Enrolment enrolment, Optional<Enrolment> replacing);

    /**
     * Replaces {@code from} by {@code to} if the stored enrolment is still {@code from}'s run and seq.
     *
     * @return false when the enrolment moved meanwhile (a concurrent or earlier delivery did this move)
     */
    boolean advance(Enrolment from, Enrolment to);
}
