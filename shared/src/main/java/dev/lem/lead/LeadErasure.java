package dev.lem.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What erasing a lead needs from the store: everything kept about it (the lead, its activity, enrolments, counters,
 * remembered timers, its email identity) can be listed and deleted. Components that schedule a timer for a lead
 * remember it here, so that erasure can cancel it.
 */
public interface LeadErasure {

    /** What the store holds about a lead, as erasure needs it. */
    record Footprint(Lead lead, List<String> campaignIds, List<String> timerNames, int items) {
        public Footprint {
            campaignIds = List.copyOf(campaignIds);
            timerNames = List.copyOf(timerNames);
        }
    }

    /** Remembers a one-shot timer scheduled for the lead (forgotten by TTL some time after it fires). */
    void rememberTimer(LeadId leadId, String scheduleName, Instant firesAt);

    /** The lead's footprint, or empty when there is no lead (never existed, or erased). */
    Optional<Footprint> footprint(LeadId leadId);

    /** Deletes every item of the lead and its email identity; deleting what is already gone is a no-op. */
    void deleteAll(Lead lead);
}
