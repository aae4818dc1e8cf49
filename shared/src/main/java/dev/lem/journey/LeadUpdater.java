package dev.lem.journey;

import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Applies a journey's update step to a lead, at most once per {@code updateId}. */
public interface LeadUpdater {

    void apply(LeadId leadId, String updateId, Optional<LeadState> state, int points, List<String> tags, Instant at);
}
