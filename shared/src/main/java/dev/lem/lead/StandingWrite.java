package dev.lem.lead;

import java.util.Objects;
import java.util.Optional;

/**
 * One atomic write of a scoring step: the lead's new score and state (conditional on {@code lead.version()},
 * the version read), its standing (conditional on {@code standing.version()}), the activity that caused it
 * (written only if not yet recorded) and the lifecycle log entry of a state change.
 */
public record StandingWrite(Lead lead, LeadStanding standing, Optional<Activity> activity, Optional<StateEntry> stateEntry) {
    public StandingWrite {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(standing, "standing");
        activity = Objects.requireNonNullElse(activity, Optional.empty());
        stateEntry = Objects.requireNonNullElse(stateEntry, Optional.empty());
        if (!lead.id().equals(standing.leadId())) {
            throw new IllegalArgumentException("lead and standing of different leads");
        }
    }
}
