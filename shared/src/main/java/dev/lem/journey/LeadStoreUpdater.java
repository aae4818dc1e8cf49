package dev.lem.journey;

import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadMove;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.queue.MessageQueue;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Update steps: points as a {@code journey.update} activity (applied once per update id, like any activity), tags by a
 * conditional lead write, retried on a concurrent write, and a state change as a {@link LeadMove} on the
 * activity queue: scoring applies it through the lifecycle like any other move, so it is checked, time-stamped and
 * published as {@code lead.state-changed}; a move the lifecycle forbids at that time is skipped ({@code ifAllowed}),
 * not failed to the DLQ. Setting the same tags again changes nothing and a move carries a stable
 * id, so a repeated update is harmless.
 */
public final class LeadStoreUpdater implements LeadUpdater {

    public static final String ACTIVITY_TYPE = "journey.update";
    static final String MOVE_REASON = "journey update";
    private static final int ATTEMPTS = 5;

    private final LeadStore leads;
    private final MessageQueue lifecycleMoves;

    /** @param lifecycleMoves the activity queue, which scoring consumes */
    public LeadStoreUpdater(LeadStore leads, MessageQueue lifecycleMoves) {
        this.leads = leads;
        this.lifecycleMoves = lifecycleMoves;
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
        state.ifPresent(to -> lifecycleMoves.send(Json.write(LeadMove.ifAllowed(moveIdFor(updateId), leadId, to, MOVE_REASON, at))));
        if (tags.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Lead> found = leads.find(leadId);
            if (found.isEmpty()) {
                return;
            }
            Lead lead = found.get();
            Lead changed = tagged(lead, tags, at);
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

    private static Lead tagged(Lead lead, List<String> tags, Instant at) {
        Set<String> newTags = new TreeSet<>(Facts.tagsOf(lead));
        newTags.addAll(tags);
        if (newTags.equals(Facts.tagsOf(lead))) {
            return lead;
        }
        Map<String, String> profile = new HashMap<>(lead.profile());
        profile.put(Facts.TAGS_PROFILE_KEY, String.join(",", newTags));
        return new Lead(lead.id(), lead.emailHash(), lead.email(), profile, lead.state(), lead.stateEnteredAt(),
                lead.score(), lead.consents(), lead.createdAt(), at, lead.version(), lead.attribution(),
                lead.profileHistory());
    }

    /**
     * {@code ju-} and 24 hex digits of the update id's SHA-256: within the move id limit (64 of {@code [A-Za-z0-9._:-]})
     * whatever the journey id's length, and the same for every redelivery.
     */
    static String moveIdFor(String updateId) {
        return "ju-" + java.util.HexFormat.of().formatHex(Hashes.sha256(updateId), 0, 12);
    }
}
