package dev.lem.capture;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LeadStore} with DynamoDbLeadStore's write semantics: create claims the email identity and stores
 * version 1, update is conditional on the version read and stores version + 1. Tests can run something
 * just before the next write (a concurrent writer) or make every call fail (an outage).
 */
public final class InMemoryLeadStore implements LeadStore {

    private final Map<LeadId, Lead> leads = new LinkedHashMap<>();
    private final Map<String, LeadId> identities = new HashMap<>();
    private final List<String> writes = new ArrayList<>();
    private Runnable beforeNextWrite;
    private boolean everyWriteConflicts;
    private RuntimeException outage;

    /** Stores a lead as another writer would (bypassing hooks), e.g. to set up a returning lead. */
    public void put(Lead lead) {
        leads.put(lead.id(), lead);
        if (lead.emailHash() != null) {
            identities.put(lead.emailHash(), lead.id());
        }
    }

    public void beforeNextWrite(Runnable concurrentWriter) {
        this.beforeNextWrite = concurrentWriter;
    }

    public void conflictOnEveryWrite() {
        this.everyWriteConflicts = true;
    }

    public void failEveryCallWith(RuntimeException outage) {
        this.outage = outage;
    }

    public List<Lead> all() {
        return List.copyOf(leads.values());
    }

    /** "create:<id>" / "update:<id>@<version read>" in call order, conflicting ones included. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public Optional<Lead> find(LeadId id) {
        failIfDown();
        return Optional.ofNullable(leads.get(id));
    }

    @Override
    public Optional<Lead> findByEmailHash(String emailHash) {
        failIfDown();
        return Optional.ofNullable(identities.get(emailHash)).map(leads::get);
    }

    @Override
    public void create(Lead lead) {
        failIfDown();
        writes.add("create:" + lead.id());
        runHook();
        if (everyWriteConflicts || leads.containsKey(lead.id()) || identities.containsKey(lead.emailHash())) {
            throw new LeadConflictException("lead or email identity already exists");
        }
        put(lead.withVersion(1));
    }

    @Override
    public void update(Lead lead) {
        failIfDown();
        writes.add("update:" + lead.id() + "@" + lead.version());
        runHook();
        Lead stored = leads.get(lead.id());
        if (everyWriteConflicts || stored == null || stored.version() != lead.version()) {
            throw new LeadConflictException("lead " + lead.id() + " changed since version " + lead.version());
        }
        put(lead.withVersion(lead.version() + 1));
    }

    @Override
    public void recordActivity(Activity activity) {
        throw new UnsupportedOperationException("form capture queues activities, it does not record them");
    }

    @Override
    public Optional<ScoreChange> applyActivity(Activity activity, int points) {
        throw new UnsupportedOperationException("form capture does not score");
    }

    private void runHook() {
        Runnable hook = beforeNextWrite;
        beforeNextWrite = null;
        if (hook != null) {
            hook.run();
        }
    }

    private void failIfDown() {
        if (outage != null) {
            throw outage;
        }
    }
}
