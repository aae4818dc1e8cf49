package dev.lem.routing;

import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadOutcome;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.journey.DripStep;
import dev.lem.journey.EnrolmentStore;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.queue.MessageQueue;
import dev.lem.schedule.StepScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bus events into journey actions: enrol, queue a message, start a drip timer. Every action is
 * keyed by the triggering event, so a redelivered event repeats nothing that matters: the enrolment
 * is conditional, the message id is deterministic (notifications sends it once), the timer name too.
 */
public final class RoutingService {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);

    /** What routing an event led to, for logs and tests. */
    public enum Routed { ENROLLED, ALREADY_ENROLLED, NO_CAMPAIGN }

    private final EnrolmentStore enrolments;
    private final MessageQueue notifyQueue;
    private final StepScheduler scheduler;

    public RoutingService(EnrolmentStore enrolments, MessageQueue notifyQueue, StepScheduler scheduler) {
        this.enrolments = enrolments;
        this.notifyQueue = notifyQueue;
        this.scheduler = scheduler;
    }

    public Routed route(LemEvent event) {
        Routed routed = switch (event) {
            case LeadCaptured captured -> startWelcome(captured);
            case LeadScored s -> Routed.NO_CAMPAIGN;
            case LeadStateChanged s -> Routed.NO_CAMPAIGN;
            case CampaignTrigger t -> Routed.NO_CAMPAIGN;
            case LeadActivity a -> Routed.NO_CAMPAIGN;
            case MessageSent m -> Routed.NO_CAMPAIGN;
            case MessageFailed m -> Routed.NO_CAMPAIGN;
            case LeadOutcome o -> Routed.NO_CAMPAIGN;
        };
        LOG.info("event routed detailType={} eventId={} result={}", event.detailType().wireName(), event.eventId(), routed);
        return routed;
    }

    private Routed startWelcome(LeadCaptured captured) {
        LeadId leadId = new LeadId(captured.leadId());
        if (!enrolments.enrol(leadId, WelcomeJourney.CAMPAIGN_ID, captured.eventId(), captured.occurredAt())) {
            return Routed.ALREADY_ENROLLED;
        }
        notifyQueue.send(Json.write(WelcomeJourney.welcome(leadId, captured.formId())));
        if (captured.emailConsent()) {
            DripStep followUp = WelcomeJourney.followUp(leadId, captured.occurredAt());
            scheduler.scheduleOnce(followUp.scheduleName(), followUp.dueAt(), Json.write(followUp));
        }
        return Routed.ENROLLED;
    }
}
