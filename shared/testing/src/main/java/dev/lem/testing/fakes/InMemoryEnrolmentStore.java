package dev.lem.testing.fakes;

import dev.lem.journey.Enrolment;
import dev.lem.journey.EnrolmentStore;
import dev.lem.lead.LeadId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDbEnrolmentStore's rules: one enrolment per lead × journey; creating is conditional on none (or, for a
 * re-entry, on the replaced run and seq still being stored); a move is conditional on the run and seq read.
 */
public final class InMemoryEnrolmentStore extends ScriptedFailures implements EnrolmentStore {

    private final Map<String, Enrolment> enrolments = new LinkedHashMap<>();
    private final List<Enrolment> writes = new ArrayList<>();

    @Override
    public synchronized Optional<Enrolment> find(LeadId leadId, String journeyId) {
        throwScriptedFailure();
        return Optional.ofNullable(enrolments.get(key(leadId, journeyId)));
    }

    @Override
    public synchronized List<Enrolment> active(LeadId leadId) {
        throwScriptedFailure();
        return enrolments.values().stream().filter(e -> e.leadId().equals(leadId) && e.isActive()).toList();
    }

    @Override
    public synchronized boolean create(Enrolment enrolment, Optional<Enrolment> replacing) {
        throwScriptedFailure();
        String key = key(enrolment.leadId(), enrolment.journeyId());
        Enrolment stored = enrolments.get(key);
        boolean allowed = replacing.isEmpty() ? stored == null
                : stored != null && stored.run() == replacing.get().run() && stored.seq() == replacing.get().seq();
        if (allowed) {
            enrolments.put(key, enrolment);
            writes.add(enrolment);
        }
        return allowed;
    }

    @Override
    public synchronized boolean advance(Enrolment from, Enrolment to) {
        throwScriptedFailure();
        String key = key(from.leadId(), from.journeyId());
        Enrolment stored = enrolments.get(key);
        if (stored == null || stored.run() != from.run() || stored.seq() != from.seq()) {
            return false;
        }
        enrolments.put(key, to);
        writes.add(to);
        return true;
    }

    /** Stores an enrolment as another writer would. */
    public synchronized void put(Enrolment enrolment) {
        enrolments.put(key(enrolment.leadId(), enrolment.journeyId()), enrolment);
    }

    /** The stored enrolment; there must be one. */
    public synchronized Enrolment get(LeadId leadId, String journeyId) {
        Enrolment enrolment = enrolments.get(key(leadId, journeyId));
        if (enrolment == null) {
            throw new AssertionError("no enrolment of " + leadId + " in " + journeyId);
        }
        return enrolment;
    }

    /** Every stored enrolment. */
    public synchronized List<Enrolment> all() {
        return List.copyOf(enrolments.values());
    }

    /** Every successful create and move, in order. */
    public synchronized List<Enrolment> writes() {
        return List.copyOf(writes);
    }

    private static String key(LeadId leadId, String journeyId) {
        return leadId.value() + "/" + journeyId;
    }
}
