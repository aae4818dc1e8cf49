package dev.lem.journey;

import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead's way through one journey version. {@code run} counts entries (re-entry starts run 2, …);
 * {@code seq} counts the enrolment's moves: 0 when it has just entered and no step ran yet, and one more each
 * time it parks or ends. A timer carries the run, seq and position it was set for, so a late or repeated firing
 * is recognised as stale. {@code context} keeps the entry event's scalar properties for conditions and
 * message data; {@code answers} the survey answers by step id.
 */
public record Enrolment(LeadId leadId, String journeyId, int journeyVersion, int run, String trigger, Status status,
                        int position, int seq, Optional<String> timer, Instant enrolledAt, Instant updatedAt,
                        Map<String, String> context, Map<String, String> answers) {

    public enum Status {
        ACTIVE, COMPLETED, EXITED, GOAL, HOLDOUT, CANCELLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public Enrolment {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(journeyId, "journeyId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        timer = timer == null ? Optional.empty() : timer;
        context = Map.copyOf(context);
        answers = Map.copyOf(answers);
    }

    /** A new entry into {@code journey}, before any step ran. */
    public static Enrolment start(LeadId leadId, Journey journey, int run, String trigger, Instant at,
                                  Map<String, String> context) {
        return new Enrolment(leadId, journey.id(), journey.version(), run, trigger, Status.ACTIVE, 1, 0,
                Optional.empty(), at, at, context, Map.of());
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /** Parked at {@code newPosition} until {@code newTimer} fires (or its event arrives). */
    public Enrolment parkedAt(int newPosition, String newTimer, Instant at) {
        return new Enrolment(leadId, journeyId, journeyVersion, run, trigger, Status.ACTIVE, newPosition, seq + 1,
                Optional.of(newTimer), enrolledAt, at, context, answers);
    }

    public Enrolment ended(Status newStatus, int atPosition, Instant at) {
        return new Enrolment(leadId, journeyId, journeyVersion, run, trigger, newStatus, atPosition, seq + 1,
                Optional.empty(), enrolledAt, at, context, answers);
    }

    /** The same enrolment once its timer has fired: Scheduler deletes a fired {@code at()} schedule itself. */
    public Enrolment timerFired() {
        return new Enrolment(leadId, journeyId, journeyVersion, run, trigger, status, position, seq, Optional.empty(),
                enrolledAt, updatedAt, context, answers);
    }

    public Enrolment withAnswer(String stepId, String answer) {
        Map<String, String> next = new HashMap<>(answers);
        next.put(stepId, answer);
        return new Enrolment(leadId, journeyId, journeyVersion, run, trigger, status, position, seq, timer, enrolledAt,
                updatedAt, context, next);
    }

    /** The message id of the step at {@code atPosition}: the same for every retry of this run. */
    public String messageId(int atPosition) {
        String runPart = run == 1 ? "" : "r" + run + ".";
        return journeyId + "." + runPart + atPosition + "." + leadId.value();
    }

    /** The timer name for a park at {@code atPosition}: 1-64 of [0-9a-zA-Z-_.], deterministic. */
    public String timerName(int atPosition) {
        String runPart = run == 1 ? "" : run + ".";
        String name = journeyId + "-" + runPart + atPosition + "-" + leadId.value();
        if (name.length() <= 64) {
            return name;
        }
        return Hashes.shortHash(journeyId) + "-" + runPart + atPosition + "-" + leadId.value();
    }
}
