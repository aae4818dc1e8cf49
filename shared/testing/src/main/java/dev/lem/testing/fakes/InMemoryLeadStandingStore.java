package dev.lem.testing.fakes;

import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadStandingStore;
import dev.lem.lead.StandingWrite;
import dev.lem.lead.StateEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LeadStandingStore} with DynamoDbLeadStandingStore's semantics over an {@link InMemoryLeadStore}: a save
 * writes lead score/state, activity, standing and log entry all or nothing, conditional on the lead's and the
 * standing's versions and on the activity being new.
 */
public final class InMemoryLeadStandingStore extends ScriptedFailures implements LeadStandingStore {

    private final InMemoryLeadStore leads;
    private final Map<LeadId, LeadStanding> standings = new HashMap<>();
    private final Map<LeadId, List<StateEntry>> history = new HashMap<>();

    public InMemoryLeadStandingStore(InMemoryLeadStore leads) {
        this.leads = leads;
    }

    @Override
    public synchronized Optional<LeadStanding> find(LeadId id) {
        throwScriptedFailure();
        return Optional.ofNullable(standings.get(id));
    }

    @Override
    public synchronized List<StateEntry> history(LeadId id) {
        throwScriptedFailure();
        return history.getOrDefault(id, List.of()).stream().sorted(Comparator.comparing(StateEntry::enteredAt)).toList();
    }

    @Override
    public synchronized void save(StandingWrite write) {
        throwScriptedFailure();
        LeadId id = write.lead().id();
        leads.applyStanding(write.lead(), write.activity(), () -> {
            long stored = Optional.ofNullable(standings.get(id)).map(LeadStanding::version).orElse(0L);
            if (stored != write.standing().version()) {
                throw new LeadConflictException("standing of " + id + " changed since version " + write.standing().version());
            }
        });
        LeadStanding s = write.standing();
        standings.put(id, new LeadStanding(id, s.scores(), s.contactStatus(), s.decayTimer(), s.slaTimer(), s.version() + 1,
                s.lastCause(), s.lastEvents(), s.prediction()));
        write.stateEntry().ifPresent(entry -> history.computeIfAbsent(id, k -> new ArrayList<>()).add(entry));
    }
}
