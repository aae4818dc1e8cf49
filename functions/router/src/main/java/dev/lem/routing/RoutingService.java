package dev.lem.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.journey.CompiledJourney;
import dev.lem.journey.Condition;
import dev.lem.journey.Enrolment;
import dev.lem.journey.EnrolmentStore;
import dev.lem.journey.Facts;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyCatalog;
import dev.lem.journey.JourneyEngine;
import dev.lem.journey.JourneyEvents;
import dev.lem.journey.JourneyRunner;
import dev.lem.journey.Step;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a bus event into journey moves for the lead it is about: first the lead's running enrolments (a goal
 * event ends them, an unsubscribe cancels them, the event a step waits for resumes it), then every journey whose
 * entry pattern and conditions the event meets (enrolled once per lead × journey × entry event, as the
 * journey's re-entry policy allows). Redelivered events repeat nothing: enrolments and moves are conditional,
 * messages and timers have deterministic ids.
 */
public final class RoutingService {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);
    /** Lifecycle states that end every running journey of a lead. */
    private static final Set<String> EXIT_STATES = Set.of("unreachable", "disqualified");

    /** What routing one event did, by journey id. */
    public record Routing(List<String> enrolled, List<String> alreadyEnrolled, List<String> resumed, List<String> ended) {
        public Routing {
            enrolled = List.copyOf(enrolled);
            alreadyEnrolled = List.copyOf(alreadyEnrolled);
            resumed = List.copyOf(resumed);
            ended = List.copyOf(ended);
        }

        public static Routing nothing() {
            return new Routing(List.of(), List.of(), List.of(), List.of());
        }

        public boolean isNothing() {
            return enrolled.isEmpty() && alreadyEnrolled.isEmpty() && resumed.isEmpty() && ended.isEmpty();
        }
    }

    private final JourneyCatalog catalog;
    private final EnrolmentStore enrolments;
    private final LeadStore leads;
    private final JourneyRunner runner;
    private final Clock clock;
    private final AudienceFanOut fanOut;
    private final JourneyEngine engine = new JourneyEngine();

    /** A router without an audience queue: campaign triggers naming one lead work, audiences are refused. */
    public RoutingService(JourneyCatalog catalog, EnrolmentStore enrolments, LeadStore leads, JourneyRunner runner,
                          Clock clock) {
        this(catalog, enrolments, leads, runner, clock, AudienceFanOut.unavailable());
    }

    public RoutingService(JourneyCatalog catalog, EnrolmentStore enrolments, LeadStore leads, JourneyRunner runner,
                          Clock clock, AudienceFanOut fanOut) {
        this.fanOut = fanOut;
        this.catalog = catalog;
        this.enrolments = enrolments;
        this.leads = leads;
        this.runner = runner;
        this.clock = clock;
    }

    public Routing route(LemEvent event) {
        return route(event, Json.mapper().valueToTree(event));
    }

    /** @param detail the event's detail as received (it may carry properties the event record does not name) */
    public Routing route(LemEvent event, JsonNode detail) {
        if (event instanceof CampaignTrigger trigger && trigger.audience() != null) {
            int batches = fanOut.start(trigger);
            LOG.info("campaign trigger fanned out campaignId={} eventId={} batches={}", trigger.campaignId(),
                    trigger.eventId(), batches);
            if (trigger.leadId() == null) {
                return Routing.nothing();
            }
            CampaignTrigger single = new CampaignTrigger(trigger.eventId(), trigger.occurredAt(), trigger.campaignId(),
                    trigger.leadId(), trigger.attributes());
            return route(single, Json.mapper().valueToTree(single));
        }
        Optional<String> lead = JourneyEvents.leadId(event);
        if (lead.isEmpty()) {
            LOG.info("event routed detailType={} eventId={} result=no-lead", event.detailType().wireName(), event.eventId());
            return Routing.nothing();
        }
        Routing routing = route(new LeadId(lead.get()), event, detail);
        LOG.info("event routed detailType={} eventId={} enrolled={} alreadyEnrolled={} resumed={} ended={}",
                event.detailType().wireName(), event.eventId(), routing.enrolled(), routing.alreadyEnrolled(),
                routing.resumed(), routing.ended());
        return routing;
    }

    /** Routes an event for one lead (a campaign trigger's audience member, or the lead the event names). */
    public Routing route(LeadId leadId, LemEvent event, JsonNode detail) {
        String matchable = JourneyEvents.matchable(event, detail);
        Instant now = clock.instant();
        List<String> resumed = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        for (Enrolment running : enrolments.active(leadId)) {
            Optional<CompiledJourney> journey = catalog.version(running.journeyId(), running.journeyVersion());
            if (journey.isEmpty()) {
                LOG.warn("enrolment of an unknown journey version journeyId={} version={}", running.journeyId(),
                        running.journeyVersion());
                continue;
            }
            if (journey.get().reachesGoalOn(matchable)) {
                runner.end(running, Enrolment.Status.GOAL, now);
                ended.add(running.journeyId());
            } else if (isUnsubscribe(event)) {
                runner.end(running, Enrolment.Status.CANCELLED, now);
                ended.add(running.journeyId());
            } else if (running.seq() > 0 && journey.get().resumesOn(running.position(), matchable)) {
                if (resume(journey.get().journey(), running, detail, now)) {
                    resumed.add(running.journeyId());
                }
            }
        }
        List<String> enrolled = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (CompiledJourney journey : catalog.current()) {
            if (!journey.entersOn(matchable)
                    || event instanceof CampaignTrigger trigger && !trigger.campaignId().equals(journey.journey().id())) {
                continue;
            }
            switch (enter(journey.journey(), leadId, event, detail, now)) {
                case ENROLLED -> enrolled.add(journey.journey().id());
                case ALREADY_ENROLLED -> already.add(journey.journey().id());
                case NOT_ELIGIBLE -> { }
            }
        }
        return new Routing(enrolled, already, resumed, ended);
    }

    private enum Entry { ENROLLED, ALREADY_ENROLLED, NOT_ELIGIBLE }

    private Entry enter(Journey journey, LeadId leadId, LemEvent event, JsonNode detail, Instant now) {
        Optional<Lead> lead = leads.find(leadId);
        if (lead.isEmpty()) {
            return Entry.NOT_ELIGIBLE;
        }
        Map<String, String> context = JourneyEvents.context(detail);
        Facts facts = Facts.of(lead.get(), context, Map.of());
        if (!Condition.all(journey.entryConditions(), facts)) {
            return Entry.NOT_ELIGIBLE;
        }
        Optional<Enrolment> enrolment = enrol(journey, leadId, event.eventId(), context, now);
        if (enrolment.isEmpty()) {
            return Entry.ALREADY_ENROLLED;
        }
        runner.perform(journey, enrolment.get(), engine.start(journey, enrolment.get(), facts, now), now);
        return Entry.ENROLLED;
    }

    /**
     * The enrolment to start: a new one, a re-entry, or this same trigger's enrolment whose start was interrupted
     * (seq 0: no step completed). Empty when the lead is enrolled already (by this or another trigger).
     */
    private Optional<Enrolment> enrol(Journey journey, LeadId leadId, String trigger, Map<String, String> context, Instant now) {
        Optional<Enrolment> previous = enrolments.find(leadId, journey.id());
        if (previous.isPresent()) {
            Enrolment last = previous.get();
            if (last.trigger().equals(trigger)) {
                return last.isActive() && last.seq() == 0 ? Optional.of(last) : Optional.empty();
            }
            if (!journey.reEntry().allows(last, now)) {
                return Optional.empty();
            }
            Enrolment next = Enrolment.start(leadId, journey, last.run() + 1, trigger, now, context);
            return enrolments.create(next, previous) ? Optional.of(next) : Optional.empty();
        }
        Enrolment first = Enrolment.start(leadId, journey, 1, trigger, now, context);
        if (enrolments.create(first, Optional.empty())) {
            return Optional.of(first);
        }
        return enrolments.find(leadId, journey.id())
                .filter(e -> e.trigger().equals(trigger) && e.isActive() && e.seq() == 0);
    }

    private boolean resume(Journey journey, Enrolment running, JsonNode detail, Instant now) {
        Optional<Lead> lead = leads.find(running.leadId());
        if (lead.isEmpty()) {
            runner.end(running, Enrolment.Status.CANCELLED, now);
            return false;
        }
        Enrolment current = running;
        if (journey.step(running.position()) instanceof Step.Survey survey) {
            Optional<String> answer = surveyAnswer(detail);
            if (answer.isEmpty()) {
                LOG.info("survey answer ignored reason=not-0-to-10 journeyId={}", running.journeyId());
                return false;
            }
            current = running.withAnswer(survey.id(), answer.get());
        }
        Facts facts = Facts.of(lead.get(), current.context(), current.answers());
        Enrolment after = runner.perform(journey, current, engine.resume(journey, current, JourneyEngine.Resume.EVENT, facts, now), now);
        return after != current;
    }

    /** A survey answer is a whole number from 0 to 10 in the activity's {@code answer} property. */
    static Optional<String> surveyAnswer(JsonNode detail) {
        JsonNode answer = detail.get("answer");
        if (answer == null || !(answer.isIntegralNumber() || answer.isTextual())) {
            return Optional.empty();
        }
        String text = answer.asText();
        return text.matches("10|[0-9]") ? Optional.of(text) : Optional.empty();
    }

    /** An unsubscribe (any channel) or a move to a state that ends nurturing cancels every running journey. */
    static boolean isUnsubscribe(LemEvent event) {
        return switch (event) {
            case LeadActivity activity -> LeadActivity.isUnsubscribe(activity.type());
            case LeadStateChanged changed -> EXIT_STATES.contains(changed.to());
            default -> false;
        };
    }
}
