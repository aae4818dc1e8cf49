package dev.lem.testing.fakes;

import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link VisitorStore} with DynamoDbVisitorStore's semantics: a link is replaced only by one with a later or equal
 * {@code linkedAt}; an activity is stored once per (visitor, activity id) and listed oldest first. Tests can run a
 * concurrent writer right after the next stored activity ({@link #afterNextRecord}) and fail calls on cue.
 */
public final class InMemoryVisitorStore extends ScriptedFailures implements VisitorStore {

    private final Map<String, VisitorLink> links = new HashMap<>();
    private final Map<String, Map<String, VisitorActivity>> activities = new HashMap<>();
    private final Map<String, Instant> expiries = new HashMap<>();
    private Runnable afterNextRecord;

    /** Runs {@code concurrentWriter} once, right after the next activity is stored. */
    public void afterNextRecord(Runnable concurrentWriter) {
        this.afterNextRecord = concurrentWriter;
    }

    /** The visitor's stored (not yet merged) activity, oldest first. */
    public List<VisitorActivity> stored(String visitorId) {
        return activities.getOrDefault(visitorId, Map.of()).values().stream()
                .sorted(Comparator.comparing(VisitorActivity::occurredAt).thenComparing(VisitorActivity::activityId))
                .toList();
    }

    /** When a stored activity expires. */
    public Optional<Instant> expiryOf(String activityId) {
        return Optional.ofNullable(expiries.get(activityId));
    }

    @Override
    public Optional<LeadId> linkedLead(String visitorId) {
        throwScriptedFailure();
        return Optional.ofNullable(links.get(visitorId)).map(VisitorLink::leadId);
    }

    @Override
    public void link(VisitorLink link, Instant expiresAt) {
        throwScriptedFailure();
        VisitorLink current = links.get(link.visitorId());
        if (current == null || !current.linkedAt().isAfter(link.linkedAt())) {
            links.put(link.visitorId(), link);
        }
    }

    @Override
    public void record(VisitorActivity activity, Instant expiresAt) {
        throwScriptedFailure();
        activities.computeIfAbsent(activity.visitorId(), v -> new LinkedHashMap<>())
                .putIfAbsent(activity.activityId(), activity);
        expiries.putIfAbsent(activity.activityId(), expiresAt);
        Runnable hook = afterNextRecord;
        afterNextRecord = null;
        if (hook != null) {
            hook.run();
        }
    }

    @Override
    public List<VisitorActivity> activities(String visitorId, int limit) {
        throwScriptedFailure();
        return new ArrayList<>(stored(visitorId).subList(0, Math.min(limit, stored(visitorId).size())));
    }

    @Override
    public void forget(VisitorActivity activity) {
        throwScriptedFailure();
        Map<String, VisitorActivity> visitor = activities.get(activity.visitorId());
        if (visitor != null) {
            visitor.remove(activity.activityId());
        }
    }
}
