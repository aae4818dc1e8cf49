package dev.lem.visitor;

import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Anonymous visitors: what they did before anyone knew who they were, and which lead they turned out to be. */
public interface VisitorStore {

    /** The lead this visitor was last linked to (one read). */
    Optional<LeadId> linkedLead(String visitorId);

    /**
     * Points the visitor at the lead unless a later link ({@code linkedAt}) is already stored: a redelivered old link
     * never re-points a visitor that has identified itself again since. Writing the same link again changes nothing.
     */
    void link(VisitorLink link, Instant expiresAt);

    /** Keeps an anonymous activity until {@code expiresAt}; storing the same activity id again changes nothing. */
    void record(VisitorActivity activity, Instant expiresAt);

    /** The visitor's stored activity, oldest first, at most {@code limit}. */
    List<VisitorActivity> activities(String visitorId, int limit);

    /** Removes a stored activity (it now lives on a lead's timeline); removing it again changes nothing. */
    void forget(VisitorActivity activity);
}
