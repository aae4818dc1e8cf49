package dev.lem.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.bus.EventBus;
import dev.lem.events.LeadScored;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one activity to its lead's score, atomically with recording the activity, and publishes
 * {@code lead.scored}. A redelivered activity changes nothing but republishes the event under the same
 * id, so an event lost after the write is not lost for good.
 */
public final class ScoringService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);

    private final LeadStore leads;
    private final EventBus bus;
    private final ScoringRules rules;

    private final VisitorTimeline visitors;

    public ScoringService(LeadStore leads, EventBus bus, ScoringRules rules, VisitorTimeline visitors) {
        this.leads = leads;
        this.bus = bus;
        this.rules = rules;
        this.visitors = visitors;
    }

    /**
     * Handles one activity-queue message body. An anonymous visitor's activity ({@link VisitorActivity}) and a
     * visitor → lead link ({@link VisitorLink}) go to {@link VisitorTimeline}: kept under the visitor until it is
     * linked, then applied to the lead like any activity.
     */
    public void handle(String messageBody) {
        JsonNode body = Json.tree(messageBody);
        if (VisitorTimeline.handles(body)) {
            visitors.handle(body, this::apply);
            return;
        }
        apply(Json.convert(body, Activity.class));
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
