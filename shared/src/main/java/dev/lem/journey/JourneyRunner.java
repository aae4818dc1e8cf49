package dev.lem.journey;

import dev.lem.json.Json;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.MessageQueue;
import dev.lem.schedule.StepScheduler;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs a journey run: its effects first (messages under deterministic ids, lead updates once per id, the
 * sales task), then the timer of the step it parks at, then the enrolment's move, conditional on the enrolment
 * not having moved meanwhile. A crash anywhere before the move is retried from the same state, and every effect
 * repeats harmlessly.
 */
public final class JourneyRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JourneyRunner.class);

    private final EnrolmentStore enrolments;
    private final MessageQueue notifyQueue;
    private final StepScheduler scheduler;
    private final LeadUpdater leadUpdater;
    private final SalesAssignment assignment;
    private final ScoreExplanations explanations;

    public JourneyRunner(EnrolmentStore enrolments, MessageQueue notifyQueue, StepScheduler scheduler,
                         LeadUpdater leadUpdater, SalesAssignment assignment, ScoreExplanations explanations) {
        this.enrolments = enrolments;
        this.notifyQueue = notifyQueue;
        this.scheduler = scheduler;
        this.leadUpdater = leadUpdater;
        this.assignment = assignment;
        this.explanations = explanations;
    }

    /** @return the enrolment after the run, or the unchanged one when another delivery moved it first */
    public Enrolment perform(Journey journey, Enrolment from, JourneyEngine.Run run, Instant now) {
        for (Effect effect : run.effects()) {
            switch (effect) {
                case Effect.Send send -> notifyQueue.send(Json.write(send.message()));
                case Effect.UpdateLead update -> leadUpdater.apply(from.leadId(), update.updateId(), update.state(),
                        update.points(), update.tags(), now);
                case Effect.HandOff handOff -> notifyQueue.send(Json.write(salesTask(from, handOff)));
            }
        }
        Enrolment to = switch (run.outcome()) {
            case Outcome.Parked parked -> {
                String timer = from.timerName(parked.position());
                Enrolment next = from.parkedAt(parked.position(), timer, now);
                scheduler.scheduleOnce(timer, parked.wakeAt(), Json.write(DripStep.of(next, parked.wakeAt())));
                yield next;
            }
            case Outcome.Ended ended -> from.ended(ended.status(), ended.position(), now);
        };
        from.timer().filter(old -> !old.equals(to.timer().orElse(null))).ifPresent(scheduler::cancel);
        if (!enrolments.advance(from, to)) {
            LOG.info("enrolment moved meanwhile journeyId={} run={} seq={}", from.journeyId(), from.run(), from.seq());
            return from;
        }
        LOG.info("enrolment moved journeyId={} version={} run={} seq={} position={} status={}", to.journeyId(),
                to.journeyVersion(), to.run(), to.seq(), to.position(), to.status().wireName());
        return to;
    }

    /** Ends an active enrolment (goal reached, unsubscribed, lead gone) and cancels its pending timer. */
    public boolean end(Enrolment active, Enrolment.Status status, Instant now) {
        active.timer().ifPresent(scheduler::cancel);
        boolean ended = enrolments.advance(active, active.ended(status, active.position(), now));
        LOG.info("enrolment ended journeyId={} run={} status={} applied={}", active.journeyId(), active.run(),
                status.wireName(), ended);
        return ended;
    }

    private NotifyMessage salesTask(Enrolment enrolment, Effect.HandOff handOff) {
        Map<String, String> data = new TreeMap<>();
        assignment.pick(handOff.journeyId(), handOff.step(), handOff.facts()).ifPresentOrElse(
                owner -> data.put("ownerId", owner.id()), () -> data.put("unassigned", "true"));
        data.put("journeyId", handOff.journeyId());
        data.put("assignment", handOff.step().assignment().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        handOff.facts().value("score").ifPresent(s -> data.put("score", s));
        handOff.facts().value("state").ifPresent(s -> data.put("state", s));
        handOff.facts().value("source").ifPresent(s -> data.put("source", s));
        explanations.of(enrolment.leadId()).ifPresent(e -> data.put("scoreExplanation", e));
        return new NotifyMessage(handOff.taskId(), enrolment.leadId(), Channel.WEBHOOK, MessageCategory.TRANSACTIONAL,
                handOff.journeyId(), handOff.step().template(), data);
    }
}
