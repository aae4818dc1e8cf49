package dev.lem.scoring;

import dev.lem.lead.LeadMove;
import dev.lem.lead.PredictedConversion;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.bus.EventBus;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.ContactStatus;
import dev.lem.lead.DuplicateActivityException;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadStandingStore;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.lead.Lifecycle;
import dev.lem.lead.ModelScore;
import dev.lem.lead.StandingWrite;
import dev.lem.lead.StateEntry;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import dev.lem.schedule.StepScheduler;
import dev.lem.scoring.rules.ScoreModels;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores leads and moves them through the lifecycle, one queue message at a time. An activity is recorded and the
 * lead re-evaluated from its whole activity log (so duplicates change nothing and arrival order does not matter),
 * written in one transaction conditional on the versions read, retried on a lost race; {@code lead.scored} and
 * {@code lead.state-changed} are published only for what changed. Timers ({@link LeadTimer}) re-evaluate a
 * decaying MQL when it is due to drop below its threshold and raise SLA breaches; they are scheduled before the
 * write (a stale timer is harmless: it is checked when it fires) and cancelled after it.
 */
public final class ScoringService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    /** A person's opens and clicks (not the {@code *.automated} ones): published for per-message reporting. */
    private static final Set<String> MESSAGE_ACTIVITIES = Set.of("email.open", "email.click");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:#-]{1,128}");
    static final int MAX_ATTEMPTS = 5;

    private final LeadStore leads;
    private final LeadStandingStore standings;
    private final EventBus bus;
    private final StepScheduler scheduler;
    private final ScoreModels models;
    private final ScoreCalculator calculator;
    private final SlaPolicy sla;
    private final Clock clock;

    private final VisitorTimeline visitors;
    private final ConversionPredictor predictor;

    public ScoringService(LeadStore leads, LeadStandingStore standings, EventBus bus, StepScheduler scheduler,
                          ScoreModels models, SlaPolicy sla, Clock clock, VisitorTimeline visitors) {
        this(leads, standings, bus, scheduler, models, sla, clock, visitors, ConversionPredictor.none());
    }

    /** With a predictive model: every re-evaluation also stores the predicted conversion probability. */
    public ScoringService(LeadStore leads, LeadStandingStore standings, EventBus bus, StepScheduler scheduler,
                          ScoreModels models, SlaPolicy sla, Clock clock, VisitorTimeline visitors,
                          ConversionPredictor predictor) {
        this.predictor = predictor;
        this.leads = leads;
        this.standings = standings;
        this.bus = bus;
        this.scheduler = scheduler;
        this.models = models;
        this.calculator = ScoreCalculator.withDefaults(models);
        this.sla = sla;
        this.clock = clock;
        this.visitors = visitors;
    }

    /**
     * Handles one activity-queue message body: an activity, a {@link LeadTimer}, a {@link LeadMove}, or a visitor's
     * message: an anonymous visitor's activity ({@link VisitorActivity}) or a visitor → lead link ({@link VisitorLink}),
     * which go to {@link VisitorTimeline}: kept under the visitor until it is linked, then applied to the lead like
     * any activity.
     */
    public void handle(String messageBody) {
        JsonNode body = Json.tree(messageBody);
        if (VisitorTimeline.handles(body)) {
            visitors.handle(body, this::apply);
            return;
        }
        String kind = body.isObject() ? body.path("kind").asText("") : "";
        switch (kind) {
            case LeadTimer.KIND -> onTimer(Json.convert(body, LeadTimer.class));
            case LeadMove.KIND -> move(Json.convert(body, LeadMove.class));
            default -> apply(Json.convert(body, Activity.class));
        }
    }

    /** Records the activity and re-evaluates its lead; a redelivered activity changes and publishes nothing. */
    public void apply(Activity activity) {
        commit(activity.leadId(), Optional.of(activity), Optional.empty(), EventIds.cause(activity.activityId()));
    }

    /** Moves a lead as asked, if the lifecycle allows it; moving it where it is already changes nothing. */
    public void move(LeadMove move) {
        commit(move.leadId(), Optional.empty(), Optional.of(move), EventIds.cause(move.moveId()));
    }

    public void onTimer(LeadTimer timer) {
        switch (timer.purpose()) {
            case decay -> commit(timer.leadId(), Optional.empty(), Optional.empty(), timer.name());
            case sla -> slaDue(timer);
        }
    }

    private void slaDue(LeadTimer timer) {
        Lead lead = leads.find(timer.leadId()).orElseThrow(() -> new LeadNotFoundException(timer.leadId()));
        if (lead.state() != timer.state() || !lead.stateEnteredAt().equals(timer.enteredAt())) {
            LOG.info("sla timer stale leadId={} timer={}", lead.id(), timer.name());
            return;
        }
        String limit = sla.limit(timer.state()).map(Object::toString).orElse("its SLA");
        bus.publish(new LeadStateChanged("breach-" + timer.name(), clock.instant(), lead.id().value(),
                lead.state().wireName(), lead.state().wireName(),
                "still " + lead.state().wireName() + " after " + limit, true).attributed(lead));
        LOG.info("sla breached leadId={} state={}", lead.id(), lead.state().wireName());
    }

    /** A move applies unless it only applies when allowed and the lifecycle forbids it from {@code from}. */
    private static boolean applies(LeadState from, LeadMove move) {
        if (!move.skipsWhenForbidden()) {
            return true;
        }
        boolean allowed = Lifecycle.allows(from, move.to()) && (move.to() != LeadState.DISQUALIFIED
                || (move.reason() != null && !move.reason().isBlank()));
        if (!allowed) {
            LOG.info("move skipped leadId={} from={} to={}", move.leadId(), from.wireName(), move.to().wireName());
        }
        return allowed;
    }

    private void commit(LeadId id, Optional<Activity> activity, Optional<LeadMove> move, String cause) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<LemEvent> events = attempt(id, activity, move, cause);
                if (!events.isEmpty()) {
                    bus.publish(events);
                }
                return;
            } catch (DuplicateActivityException raced) {
                LOG.info("activity recorded concurrently, re-reading leadId={}", id);
            } catch (LeadConflictException conflict) {
                LOG.info("lead changed concurrently, re-reading leadId={} attempt={}", id, attempt);
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new LeadConflictException("lead " + id + " kept changing during " + MAX_ATTEMPTS
                        + " attempts; retry later");
            }
        }
    }

    /**
     * One read-evaluate-write round. Returns the events to publish: those of this write, or — when this cause was
     * already applied (a redelivery) and was the last write — the events that write published, under the same ids,
     * in case they were lost after it; nothing when the cause changes nothing.
     */
    private List<LemEvent> attempt(LeadId id, Optional<Activity> activity, Optional<LeadMove> move, String cause) {
        Lead lead = leads.find(id).orElseThrow(() -> new LeadNotFoundException(id));
        LeadStanding standing = standings.find(id).orElseGet(() -> LeadStanding.initial(id));
        List<Activity> log = new ArrayList<>(leads.activities(id));
        if (activity.isPresent() && log.stream().anyMatch(a -> a.activityId().equals(activity.get().activityId()))) {
            LOG.info("activity already applied leadId={}", id);
            return republished(standing, cause);
        }
        activity.ifPresent(log::add);
        Instant now = clock.instant();

        Lead base = lead;
        Optional<StateEntry> moved = Optional.empty();
        ContactStatus contact = standing.contactStatus();
        if (move.isPresent() && move.get().to() == LeadState.CUSTOMER) {
            contact = ContactStatus.CUSTOMER; // a won deal makes a customer contact, whatever the lead state
        }
        if (move.isPresent() && move.get().to() != lead.state() && applies(lead.state(), move.get())) {
            LeadMove m = move.get();
            Lifecycle.requireAllowed(lead.state(), m.to(), m.reason());
            moved = Optional.of(new StateEntry(lead.state(), m.to(), now, m.reason()));
            base = lead.withState(m.to(), now);
        }
        Optional<PredictedConversion> prediction = predictor.predict(base, log, now);
        Reassessment r = Reassessment.of(models, calculator, base, log, now, moved.isEmpty(),
                predictor.mqlReached(prediction));
        Lead after = r.lead();
        Optional<StateEntry> entry = moved.isPresent() ? moved : r.stateEntry();

        Optional<LeadTimer> decay = r.fallsBelowAt().map(at -> LeadTimer.decay(id, at));
        Optional<LeadTimer> slaTimer = slaTimerFor(after, entry, standing);
        LeadStanding next = standing.withScores(r.scores()).withContactStatus(contact)
                .withDecayTimer(decay.map(LeadTimer::name)).withSlaTimer(slaTimer.map(LeadTimer::name))
                .withPrediction(prediction);
        if (activity.isEmpty() && !changed(lead, after, standing, next)) {
            return republished(standing, cause);
        }
        List<LemEvent> events = events(standing, next, lead, after, entry, cause);
        activity.filter(a -> firstForItsMessage(a, log)).flatMap(ScoringService::messageActivity).ifPresent(events::add);
        next = next.withLast(cause, Json.write(PublishedEvents.of(events)));
        decay.filter(t -> !standing.decayTimer().equals(Optional.of(t.name()))).ifPresent(this::schedule);
        slaTimer.filter(t -> !standing.slaTimer().equals(Optional.of(t.name()))).ifPresent(this::schedule);

        standings.save(new StandingWrite(after, next, activity, entry));

        LeadStanding written = next;
        standing.decayTimer().filter(old -> !written.decayTimer().equals(Optional.of(old)))
                .filter(old -> !old.equals(cause)) // the timer firing now is gone already
                .ifPresent(scheduler::cancel);
        standing.slaTimer().filter(old -> !written.slaTimer().equals(Optional.of(old))).ifPresent(scheduler::cancel);
        LOG.info("lead scored leadId={} score={} state={} events={}", id, after.score(), after.state().wireName(),
                events.size());
        return withPreviousMoves(standing, cause, events);
    }

    /**
     * The previous write's {@code lead.state-changed}, published again (same ids: consumers dedupe) with this write's
     * events. A redelivery republishes only while it is still the last write, so without this a move whose publish
     * was lost (a crash after the write) would stay lost once another activity of the lead was applied before the
     * redelivery. A move is rare, so this costs one more PutEvents entry now and then; {@code lead.scored} needs no
     * such care, as this write's own one supersedes it.
     */
    private static List<LemEvent> withPreviousMoves(LeadStanding standing, String cause, List<LemEvent> events) {
        if (standing.lastCause().isEmpty() || standing.lastCause().equals(Optional.of(cause)) || standing.lastEvents().isEmpty()) {
            return events;
        }
        List<LemEvent> all = new ArrayList<>(Json.read(standing.lastEvents().get(), PublishedEvents.class).all().stream()
                .filter(e -> e instanceof LeadStateChanged).toList());
        all.addAll(events);
        return all;
    }

    private static List<LemEvent> republished(LeadStanding standing, String cause) {
        if (standing.lastCause().equals(Optional.of(cause)) && standing.lastEvents().isPresent()) {
            return Json.read(standing.lastEvents().get(), PublishedEvents.class).all();
        }
        return List.of();
    }

    /** The SLA timer of the state the lead is in after this step, if that state has an SLA. */
    private Optional<LeadTimer> slaTimerFor(Lead after, Optional<StateEntry> entry, LeadStanding standing) {
        if (!Lifecycle.WITH_SLA.contains(after.state()) || sla.limit(after.state()).isEmpty()) {
            return Optional.empty();
        }
        if (entry.isEmpty()) {
            return standing.slaTimer().isPresent()
                    ? Optional.of(LeadTimer.sla(after.id(), after.state(), after.stateEnteredAt()))
                    : Optional.empty();
        }
        return Optional.of(LeadTimer.sla(after.id(), after.state(), after.stateEnteredAt()));
    }

    private void schedule(LeadTimer timer) {
        Instant at = switch (timer.purpose()) {
            case decay -> Instant.ofEpochSecond(Long.parseLong(timer.name().substring(timer.name().lastIndexOf('-') + 1)));
            case sla -> timer.enteredAt().plus(sla.limit(timer.state()).orElseThrow());
        };
        scheduler.scheduleOnce(timer.name(), at, Json.write(timer));
    }

    private static boolean changed(Lead before, Lead after, LeadStanding standingBefore, LeadStanding standingAfter) {
        if (before.state() != after.state() || before.score() != after.score()) {
            return true;
        }
        if (!standingBefore.contactStatus().equals(standingAfter.contactStatus())
                || !standingBefore.decayTimer().equals(standingAfter.decayTimer())
                || !standingBefore.slaTimer().equals(standingAfter.slaTimer())
                || !standingBefore.scores().keySet().equals(standingAfter.scores().keySet())) {
            return true;
        }
        return standingAfter.scores().entrySet().stream()
                .anyMatch(e -> !e.getValue().sameAs(standingBefore.scores().get(e.getKey())));
    }

    /** {@code lead.scored} per model whose score or rules version changed, {@code lead.state-changed} for a move. */
    private static List<LemEvent> events(LeadStanding before, LeadStanding after, Lead leadBefore, Lead lead,
                                         Optional<StateEntry> entry, String cause) {
        List<LemEvent> events = new ArrayList<>();
        String leadId = lead.id().value();
        for (Map.Entry<String, ModelScore> e : after.sortedScores().entrySet()) {
            ModelScore now = e.getValue();
            Optional<ModelScore> was = Optional.ofNullable(before.scores().get(e.getKey()));
            int previous = was.map(ModelScore::score).orElse(0);
            if (was.isPresent() && previous == now.score() && was.get().rulesVersion().equals(now.rulesVersion())) {
                continue;
            }
            if (was.isEmpty() && now.score() == 0) {
                continue;
            }
            events.add(new LeadScored("scored-" + e.getKey() + "-" + cause, now.evaluatedAt(), leadId, now.score(),
                    previous, now.rulesVersion(), cause, e.getKey(), now.topContributions(),
                    after.prediction().orElse(null)));
        }
        entry.ifPresent(s -> events.add(new LeadStateChanged(
                "state-" + leadId + "-" + s.to().wireName() + "-" + s.enteredAt().toEpochMilli(),
                s.enteredAt(), leadId, s.from().wireName(), s.to().wireName(), truncate(s.reason()), false)
                .attributed(leadBefore)));
        return events;
    }

    /**
     * Reports count a message's opens and clicks once each, so only the lead's first open (click) of a message is
     * published: a lead reopening an email costs no EventBridge event. (Delivered out of order, the open published is
     * the first one applied, so the report may date a unique open by a later open's day.)
     */
    private static boolean firstForItsMessage(Activity activity, List<Activity> log) {
        String messageId = activity.attributes().get("messageId");
        return messageId == null || log.stream().noneMatch(a -> !a.activityId().equals(activity.activityId())
                && a.type().equals(activity.type()) && messageId.equals(a.attributes().get("messageId")));
    }

    /** {@code lead.activity} for a person's email open or click, naming the message (reporting counts them). */
    private static Optional<LemEvent> messageActivity(Activity activity) {
        if (!MESSAGE_ACTIVITIES.contains(activity.type())) {
            return Optional.empty();
        }
        return Optional.ofNullable(activity.attributes().get("messageId")).filter(MESSAGE_ID.asMatchPredicate())
                .map(messageId -> LeadActivity.ofMessage(activity.activityId(), activity.occurredAt(),
                        activity.leadId().value(), activity.type(), messageId));
    }

    private static String truncate(String reason) {
        return reason.length() <= 256 ? reason : reason.substring(0, 256);
    }

    /** For tests and diagnostics: the models in force. */
    public ScoreModels models() {
        return Objects.requireNonNull(models);
    }
}
