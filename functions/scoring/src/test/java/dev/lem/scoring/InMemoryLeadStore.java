package dev.lem.scoring;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link LeadStore} with DynamoDbLeadStore's scoring semantics: an activity is applied at most once per
 * (lead, activity id), together with its points; applying it again returns empty and changes nothing.
 */
public final class InMemoryLeadStore implements LeadStore {

    private final Map<LeadId, Lead> leads = new HashMap<>();
    private final Set<String> applied = new LinkedHashSet<>();
    private final List<Activity> timeline = new ArrayList<>();

    public void put(Lead lead) {
        leads.put(lead.id(), lead);
    }

    public Lead get(LeadId id) {
        return leads.get(id);
    }

    public List<Activity> timeline() {
        return List.copyOf(timeline);
    }

    @Override
    public Optional<Lead> find(LeadId id) {
        return Optional.ofNullable(leads.get(id));
    }

    @Override
    public Optional<Lead> findByEmailHash(String emailHash) {
        return leads.values().stream().filter(l -> emailHash.equals(l.emailHash())).findFirst();
    }

    @Override
    public void create(Lead lead) {
        throw new UnsupportedOperationException("scoring never creates leads");
    }

    @Override
    public void update(Lead lead) {
        throw new UnsupportedOperationException("scoring changes scores through applyActivity only");
    }

    @Override
    public void recordActivity(Activity activity) {
        if (applied.add(activity.leadId() + "/" + activity.activityId())) {
            timeline.add(activity);
        }
    }

    @Override
    public Optional<ScoreChange> applyActivity(Activity activity, int points) {
        Lead lead = find(activity.leadId()).orElseThrow(() -> new LeadNotFoundException(activity.leadId()));
        if (!applied.add(activity.leadId() + "/" + activity.activityId())) {
            return Optional.empty();
        }
        timeline.add(activity);
        int score = lead.score() + points;
        leads.put(lead.id(), lead.withScore(score, activity.occurredAt()).withVersion(lead.version() + 1));
        return Optional.of(new ScoreChange(lead.id(), lead.score(), score));
    }
}
