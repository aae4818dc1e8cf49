package dev.lem.lead;

import java.util.List;
import java.util.Optional;

/** Leads, their identities and activity. Writes are conditional: nothing is silently overwritten. */
public interface LeadStore {

    Optional<Lead> find(LeadId id);

    /** The lead owning this keyed email hash (one read of the identity item, one of the lead). */
    Optional<Lead> findByEmailHash(String emailHash);

    /**
     * Stores a new lead and claims its email identity in one transaction.
     *
     * @throws LeadConflictException when the identity is already taken (a concurrent capture won)
     */
    void create(Lead lead);

    /**
     * Replaces the lead if its stored version still equals {@code lead.version()}; stores version + 1.
     *
     * @throws LeadConflictException when someone else wrote the lead since it was read
     */
    void update(Lead lead);

    /** Appends an activity to the lead's timeline; recording the same activity id again changes nothing. */
    void recordActivity(Activity activity);

    /**
     * Appends the activity and adds {@code points} to the lead's score atomically.
     *
     * @return the change, or empty when this activity was already applied (redelivery)
     * @throws LeadNotFoundException when the lead does not exist
     */
    Optional<ScoreChange> applyActivity(Activity activity, int points);

    /** The lead's recorded activities, newest first (all of them: decay and caps are computed from the log). */
    List<Activity> activities(LeadId id);
}
