package dev.lem.journey;

import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a journey for one enrolment: from a position, step after step, until a step waits (the run parks there)
 * or the journey ends. Pure: it returns the effects to perform and where it stopped; the
 * {@link JourneyRunner} performs them. A run executes at most {@value #MAX_STEPS_PER_RUN} steps, so a journey
 * that loops without waiting ends instead of spinning.
 */
public final class JourneyEngine {

    public static final int MAX_STEPS_PER_RUN = 100;

    /** The effects of a run, in order, and where it stopped. */
    public record Run(List<Effect> effects, Outcome outcome) {
        public Run {
            effects = List.copyOf(effects);
        }
    }

    /** How a parked enrolment goes on: its timer fired, or the event it waited for arrived. */
    public enum Resume { TIMER, EVENT }

    /** A new enrolment: runs from the first step. */
    public Run start(Journey journey, Enrolment enrolment, Facts facts, Instant now) {
        return runFrom(journey, enrolment, 1, facts, now);
    }

    /** A parked enrolment goes on from the step it waits at. */
    public Run resume(Journey journey, Enrolment enrolment, Resume how, Facts facts, Instant now) {
        int at = enrolment.position();
        Step parked = journey.step(at);
        int next = switch (parked) {
            case Step.Wait w when how == Resume.TIMER && w.event().isPresent() ->
                    w.onTimeout().map(journey::position).orElseGet(() -> journey.after(at));
            case Step.Wait w -> journey.after(at);
            case Step.Survey s -> journey.after(at);
            default -> throw new IllegalStateException("journey " + journey.key() + " cannot be parked at step " + parked.id());
        };
        return next == 0 ? new Run(List.of(), new Outcome.Ended(Enrolment.Status.COMPLETED, at))
                : runFrom(journey, enrolment, next, facts, now);
    }

    private Run runFrom(Journey journey, Enrolment enrolment, int from, Facts facts, Instant now) {
        List<Effect> effects = new ArrayList<>();
        int position = from;
        Facts current = facts;
        for (int executed = 0; executed < MAX_STEPS_PER_RUN; executed++) {
            Step step = journey.step(position);
            int next;
            switch (step) {
                case Step.Send send -> {
                    effects.add(new Effect.Send(message(journey, enrolment, position, send, current)));
                    next = journey.after(position);
                }
                case Step.Wait wait -> {
                    if (wait.window().isPresent()) {
                        Instant opens = Windows.nextOpening(now, wait.window().get(), current);
                        if (opens.equals(now)) {
                            next = journey.after(position);
                            break;
                        }
                        return new Run(effects, new Outcome.Parked(position, opens));
                    }
                    Instant wakeAt = now.plus(wait.duration().or(wait::timeout).orElseThrow());
                    return new Run(effects, new Outcome.Parked(position, wakeAt));
                }
                case Step.Branch branch -> {
                    if (branch.split().isPresent()) {
                        String target = splitTarget(journey, enrolment, branch);
                        if (target == null) {
                            return new Run(effects, new Outcome.Ended(Enrolment.Status.HOLDOUT, position));
                        }
                        next = target.isEmpty() ? journey.after(position) : journey.position(target);
                    } else {
                        next = ruleTarget(journey, position, branch, current);
                    }
                }
                case Step.Update update -> {
                    effects.add(new Effect.UpdateLead(enrolment.messageId(position), update.state(), update.points(),
                            update.tags()));
                    current = current.updated(update);
                    next = journey.after(position);
                }
                case Step.HandToSales hand -> {
                    effects.add(new Effect.HandOff(enrolment.messageId(position), journey.id(), hand, current));
                    next = journey.after(position);
                }
                case Step.Survey survey -> {
                    effects.add(new Effect.Send(new NotifyMessage(enrolment.messageId(position), enrolment.leadId(),
                            survey.channel(), MessageCategory.MARKETING, journey.id(), survey.template(),
                            Map.of("question", survey.question(), "survey", surveyKey(journey, survey),
                                    "scale", "0-10"))));
                    return new Run(effects, new Outcome.Parked(position, now.plus(survey.timeout())));
                }
                case Step.Exit exit -> {
                    return new Run(effects, new Outcome.Ended(Enrolment.Status.EXITED, position));
                }
            }
            if (next == 0) {
                return new Run(effects, new Outcome.Ended(Enrolment.Status.COMPLETED, position));
            }
            position = next;
        }
        return new Run(effects, new Outcome.Ended(Enrolment.Status.EXITED, position));
    }

    /** What a survey's answer event names: {@code <journey id>.<step id>}. */
    public static String surveyKey(Journey journey, Step.Survey survey) {
        return journey.id() + "." + survey.id();
    }

    private static int ruleTarget(Journey journey, int position, Step.Branch branch, Facts facts) {
        for (Step.Rule rule : branch.rules()) {
            if (Condition.all(rule.when(), facts)) {
                return journey.position(rule.target());
            }
        }
        return branch.otherwise().map(journey::position).orElseGet(() -> journey.after(position));
    }

    /** null: the holdout; "": no variant (the rest of the leads go on to the next step); else the target. */
    private static String splitTarget(Journey journey, Enrolment enrolment, Step.Branch branch) {
        Step.Split split = branch.split().orElseThrow();
        double bucket = bucket(journey.id(), branch.id(), enrolment);
        if (bucket < split.holdoutPercent()) {
            return null;
        }
        double upper = split.holdoutPercent();
        for (Step.Variant variant : split.variants()) {
            upper += variant.percent();
            if (bucket < upper) {
                return variant.target();
            }
        }
        return branch.otherwise().orElse("");
    }

    /** The lead's fixed place in [0, 100) for this split: the same lead gets the same variant on every run. */
    public static double bucket(String journeyId, String stepId, Enrolment enrolment) {
        return Hashes.percentile(journeyId + ":" + stepId + ":" + enrolment.leadId().value());
    }

    private static NotifyMessage message(Journey journey, Enrolment enrolment, int position, Step.Send send, Facts facts) {
        Map<String, String> data = new TreeMap<>();
        send.data().forEach((key, value) -> {
            if (value.startsWith("$")) {
                facts.value(value.substring(1)).filter(v -> isShareable(value.substring(1))).ifPresent(v -> data.put(key, v));
            } else {
                data.put(key, value);
            }
        });
        return new NotifyMessage(enrolment.messageId(position), enrolment.leadId(), send.channel(), send.category(),
                journey.id(), send.template(), data);
    }

    /** Message data may quote facts, but never profile fields (PII stays in the lead item, not in queues). */
    private static boolean isShareable(String field) {
        return !field.startsWith("profile.");
    }
}
