package dev.lem.journey;

import dev.lem.lead.LeadId;
import java.time.Instant;

/** Which campaigns a lead is in. A lead is enrolled in a campaign at most once. */
public interface EnrolmentStore {

    /**
     * Enrols the lead unless already enrolled by another trigger.
     *
     * @return true when this trigger enrolled the lead now or earlier (a redelivery of the same
     *     trigger), false when a different trigger enrolled it before
     */
    boolean enrol(LeadId leadId, String campaignId, String triggerEventId, Instant at);
}
