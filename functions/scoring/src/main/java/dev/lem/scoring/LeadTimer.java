package dev.lem.scoring;

import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-shot timer's payload, delivered by Scheduler to the activity queue beside activities and told apart by
 * {@code kind} = {@value #KIND}. {@code decay}: re-evaluate the lead's score (it is due to fall below a
 * threshold); {@code sla}: the lead has been in {@code state} since {@code enteredAt} for its SLA. A timer is
 * checked against the lead when it fires, so a stale one changes nothing.
 */
public record LeadTimer(String kind, Purpose purpose, String name, LeadId leadId, LeadState state, Instant enteredAt) {

    public static final String KIND = "lead-timer";

    /** What the timer is for. */
    public enum Purpose { decay, sla }

    public LeadTimer {
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind must be " + KIND);
        }
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(leadId, "leadId");
        if (purpose == Purpose.sla && (state == null || enteredAt == null)) {
            throw new IllegalArgumentException("an sla timer needs state and enteredAt");
        }
    }

    /** The timer that re-evaluates {@code leadId} at {@code at} (named after the lead and the second). */
    public static LeadTimer decay(LeadId leadId, Instant at) {
        return new LeadTimer(KIND, Purpose.decay, "decay-" + leadId.value() + "-" + epochSecondUp(at), leadId, null, null);
    }

    /** The SLA timer of one stay in {@code state} (named after the lead, the state and when it was entered). */
    public static LeadTimer sla(LeadId leadId, LeadState state, Instant enteredAt) {
        return new LeadTimer(KIND, Purpose.sla, "sla-" + state.wireName() + "-" + leadId.value() + "-"
                + enteredAt.getEpochSecond(), leadId, state, enteredAt);
    }

    private static long epochSecondUp(Instant at) {
        return at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1;
    }
}
