package dev.lem.scoring;

import dev.lem.bus.EventBus;
import dev.lem.events.LeadScored;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import java.util.Optional;

/**
 * Applies one activity to its lead's score, atomically with recording the activity, and publishes
 * {@code lead.scored}. A redelivered activity changes nothing but republishes the event under the same
 * id, so an event lost after the write is not lost for good.
 */
public final class ScoringService {

    private final LeadStore leads;
    private final EventBus bus;
    private final ScoringRules rules;

    public ScoringService(LeadStore leads, EventBus bus, ScoringRules rules) {
        this.leads = leads;
        this.bus = bus;
        this.rules = rules;
    }

    /** Handles one activity-queue message body. */
    public void handle(String messageBody) {
        apply(Json.read(messageBody, Activity.class));
    }

    public void apply(Activity activity) {
        int points = rules.pointsFor(activity.type());
        Optional<ScoreChange> change = leads.applyActivity(activity, points);
        ScoreChange published = change.orElseGet(() -> {
            Lead lead = leads.find(activity.leadId()).orElseThrow(() -> new LeadNotFoundException(activity.leadId()));
            return new ScoreChange(lead.id(), lead.score() - points, lead.score());
        });
        bus.publish(new LeadScored("scored-" + activity.activityId(), activity.occurredAt(), published.leadId().value(),
                published.current(), published.previous(), rules.version(), activity.activityId()));
    }
}
