package dev.lem.testing.fakes;

import dev.lem.journey.EnrolmentStore;
import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** DynamoDbEnrolmentStore's rule: a lead is enrolled in a campaign once; only the trigger that enrolled it may again. */
public final class InMemoryEnrolmentStore extends ScriptedFailures implements EnrolmentStore {

    private final Map<String, String> triggers = new HashMap<>();

    @Override
    public boolean enrol(LeadId leadId, String campaignId, String triggerEventId, Instant at) {
        throwScriptedFailure();
        String existing = triggers.putIfAbsent(leadId + "/" + campaignId, triggerEventId);
        return existing == null || existing.equals(triggerEventId);
    }

    /** {@code "<lead id>/<campaign id>"} → the trigger event that enrolled the lead. */
    public Map<String, String> triggers() {
        return Map.copyOf(triggers);
    }
}
