package dev.lem.testing.fakes;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link LeadStore} with DynamoDbLeadStore's semantics: create claims the email identity and stores version 1, or
 * throws {@link LeadConflictException} when the id or identity exists; update is conditional on the version read and
 * stores version + 1; an activity is recorded or applied at most once per (lead, activity id), applying it adds its
 * points and bumps the version, and applying to a missing lead throws {@link LeadNotFoundException}.
 *
 * <p>Tests can seed leads ({@link #put}), run a concurrent writer just before the next write, make every write
 * conflict, and fail calls on cue ({@link ScriptedFailures}).
 */
public final class InMemoryLeadStore extends ScriptedFailures implements LeadStore {

    private final Map<LeadId, Lead> leads = new LinkedHashMap<>();
    private final Map<String, LeadId> identities = new HashMap<>();
    private final Set<String> activityKeys = new HashSet<>();
    private final List<Activity> timeline = new ArrayList<>();
    private final Map<LeadId, List<Activity>> activitiesByLead = new HashMap<>();
    private final List<String> writes = new ArrayList<>();
    private Runnable beforeNextWrite;
    private boolean everyWriteConflicts;

    /** Stores a lead and its email identity as another writer would: version as given, no hooks, no failures. */
    public void put(Lead lead) {
        leads.put(lead.id(), lead);
        if (lead.emailHash() != null) {
            identities.put(lead.emailHash(), lead.id());
        }
    }

    /** Removes a lead (as erasure would); its identity goes with it. */
    public void remove(LeadId id) {
        Lead lead = leads.remove(id);
        if (lead != null && lead.emailHash() != null) {
            identities.remove(lead.emailHash());
        }
    }

    /** The stored lead; there must be one. */
    public Lead get(LeadId id) {
        Lead lead = leads.get(id);
        if (lead == null) {
            throw new AssertionError("no lead " + id + " stored");
        }
        return lead;
    }

    /** Every stored lead, in the order first stored. */
    public List<Lead> all() {
        return List.copyOf(leads.values());
    }

    /** The activities recorded or applied, in order, each once. */
    public List<Activity> timeline() {
        return List.copyOf(timeline);
    }

    /**
     * {@code "create:<id>"}, {@code "update:<id>@<version read>"}, {@code "record:<lead id>/<activity id>"},
     * {@code "apply:<lead id>/<activity id>"} in call order, conflicting and duplicate ones included.
     */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Runs {@code concurrentWriter} inside the next write, after it is recorded and before its condition is checked. */
    public void beforeNextWrite(Runnable concurrentWriter) {
        this.beforeNextWrite = concurrentWriter;
    }

    /** Every create, update and applyActivity from now on loses its race and throws {@link LeadConflictException}. */
    public void conflictOnEveryWrite() {
        this.everyWriteConflicts = true;
    }

    @Override
    public Optional<Lead> find(LeadId id) {
        throwScriptedFailure();
        return Optional.ofNullable(leads.get(id));
    }

    @Override
    public Optional<Lead> findByEmailHash(String emailHash) {
        throwScriptedFailure();
        return Optional.ofNullable(identities.get(emailHash)).map(leads::get);
    }

    @Override
    public void create(Lead lead) {
        beginWrite("create:" + lead.id());
        if (everyWriteConflicts || leads.containsKey(lead.id()) || identities.containsKey(lead.emailHash())) {
            throw new LeadConflictException("lead or email identity already exists");
        }
        put(lead.withVersion(1));
    }

    @Override
    public void update(Lead lead) {
        beginWrite("update:" + lead.id() + "@" + lead.version());
        Lead stored = leads.get(lead.id());
        if (everyWriteConflicts || stored == null || stored.version() != lead.version()) {
            throw new LeadConflictException("lead " + lead.id() + " changed since version " + lead.version());
        }
        leads.put(lead.id(), lead.withVersion(lead.version() + 1));
    }

    @Override
    public void recordActivity(Activity activity) {
        String key = activityKey(activity);
        beginWrite("record:" + key);
        if (activityKeys.add(key)) {
            append(activity);
        }
    }

    @Override
    public Optional<ScoreChange> applyActivity(Activity activity, int points) {
        String key = activityKey(activity);
        beginWrite("apply:" + key);
        Lead lead = leads.get(activity.leadId());
        if (lead == null) {
            throw new LeadNotFoundException(activity.leadId());
        }
        if (activityKeys.contains(key)) {
            return Optional.empty();
        }
        if (everyWriteConflicts) {
            throw new LeadConflictException("score of lead " + lead.id() + " kept changing; retry later");
        }
        activityKeys.add(key);
        append(activity);
        int score = lead.score() + points;
        leads.put(lead.id(), lead.withScore(score, activity.occurredAt()).withVersion(lead.version() + 1));
        return Optional.of(new ScoreChange(lead.id(), lead.score(), score));
    }

    @Override
    public List<Activity> activities(LeadId id) {
        throwScriptedFailure();
        return activitiesByLead.getOrDefault(id, List.of()).stream()
                .sorted(java.util.Comparator.comparing(Activity::occurredAt).thenComparing(Activity::activityId).reversed())
                .toList();
    }

    private void append(Activity activity) {
        timeline.add(activity);
        activitiesByLead.computeIfAbsent(activity.leadId(), k -> new ArrayList<>()).add(activity);
    }

    /** For {@link InMemoryLeadStandingStore}: whether this activity is recorded already. */
    boolean hasActivity(Activity activity) {
        return activityKeys.contains(activityKey(activity));
    }

    /**
     * For {@link InMemoryLeadStandingStore}: the score/state part of a standing write, conditional on the version
     * read; records the activity too. Checks everything before changing anything.
     */
    void applyStanding(Lead lead, java.util.Optional<Activity> activity, Runnable otherChecks) {
        beginWrite("standing:" + lead.id() + "@" + lead.version());
        Lead stored = leads.get(lead.id());
        if (stored == null) {
            throw new LeadNotFoundException(lead.id());
        }
        if (activity.isPresent() && hasActivity(activity.get())) {
            throw new dev.lem.lead.DuplicateActivityException(activity.get().activityId());
        }
        if (everyWriteConflicts || stored.version() != lead.version()) {
            throw new LeadConflictException("lead " + lead.id() + " changed since version " + lead.version());
        }
        otherChecks.run();
        activity.ifPresent(a -> {
            activityKeys.add(activityKey(a));
            append(a);
        });
        leads.put(lead.id(), new Lead(stored.id(), stored.emailHash(), stored.email(), stored.profile(), lead.state(),
                lead.stateEnteredAt(), lead.score(), stored.consents(), stored.createdAt(), lead.updatedAt(),
                lead.version() + 1, stored.attribution(), stored.profileHistory()));
    }

    private void beginWrite(String write) {
        throwScriptedFailure();
        writes.add(write);
        Runnable hook = beforeNextWrite;
        beforeNextWrite = null;
        if (hook != null) {
            hook.run();
        }
    }

    private static String activityKey(Activity activity) {
        return activity.leadId() + "/" + activity.activityId();
    }
}
