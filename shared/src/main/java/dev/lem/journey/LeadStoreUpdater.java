package dev.lem.journey;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Update steps on the lead store: points as a {@code journey.update} activity (applied once per update id, like any
 * activity), state and tags by a conditional lead write, retried on a concurrent write. Setting the same state and
 * tags again changes nothing, so a repeated update is harmless.
 */
public final class LeadStoreUpdater implements LeadUpdater {

    public static final String ACTIVITY_TYPE = "journey.update";
    private static final int ATTEMPTS = 5;

    private final LeadStore leads;

    public LeadStoreUpdater(LeadStore leads) {
        this.leads = leads;
    }

    @Override
    public void apply(LeadId leadId, String updateId, Optional<LeadState> state, int points, List<String> tags, Instant at) {
        if (points != 0) {
            try {
                leads.applyActivity(new Activity(updateId, leadId, ACTIVITY_TYPE, at, Map.of("points", Integer.toString(points))),
                        points);
            } catch (LeadNotFoundException gone) {
                return;
            }
        }
        if (state.isEmpty() && tags.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Lead> found = leads.find(leadId);
            if (found.isEmpty()) {
                return;
            }
            Lead lead = found.get();
            Lead changed = changed(lead, state, tags, at);
            if (changed == lead) {
                return;
            }
            try {
                leads.update(changed);
                return;
            } catch (LeadConflictException concurrentWrite) {
                if (attempt == ATTEMPTS) {
                    throw concurrentWrite;
                }
            }
        }
    }

    private static Lead changed(Lead lead, Optional<LeadState> state, List<String> tags, Instant at) {
        LeadState newState = state.orElse(lead.state());
        Set<String> newTags = new TreeSet<>(Facts.tagsOf(lead));
        newTags.addAll(tags);
        boolean stateChanged = newState != lead.state();
        boolean tagsChanged = !newTags.equals(Facts.tagsOf(lead));
        if (!stateChanged && !tagsChanged) {
            return lead;
        }
        Map<String, String> profile = new HashMap<>(lead.profile());
        if (tagsChanged) {
            profile.put(Facts.TAGS_PROFILE_KEY, String.join(",", newTags));
        }
        return new Lead(lead.id(), lead.emailHash(), lead.email(), profile, newState,
                stateChanged ? at : lead.stateEnteredAt(), lead.score(), lead.consents(), lead.createdAt(), at,
                lead.version(), lead.attribution(), lead.profileHistory());
    }
}
