package dev.lem.lead;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A lifecycle move asked for by sales or a CRM (to SQL, customer, disqualified, re-market, …), on the activity
 * queue with {@code kind} = {@value #KIND}; {@code moveId} makes a redelivery a no-op.
 *
 * <p>{@code ifAllowed} (optional, default {@code false}) makes a move the lifecycle forbids from the lead's state at
 * the time it is applied a no-op instead of a failure — except that a move to {@code customer} still marks the
 * contact a customer (the contact's status is kept apart from the lead state). Outcome reports use it: the CRM
 * does not know which state the lead is in when the deal closes.
 */
public record LeadMove(String kind, String moveId, LeadId leadId, LeadState to, String reason, Instant requestedAt,
                       Boolean ifAllowed) {

    public static final String KIND = "lead-move";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public LeadMove {
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind must be " + KIND);
        }
        if (moveId == null || !ID.matcher(moveId).matches()) {
            throw new IllegalArgumentException("moveId must be 1-64 of [A-Za-z0-9._:-]");
        }
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (reason != null && reason.length() > 200) {
            throw new IllegalArgumentException("reason must be at most 200 characters");
        }
        ifAllowed = Boolean.TRUE.equals(ifAllowed);
    }

    /** A move that fails (with the reason) when the lifecycle forbids it. */
    public static LeadMove of(String moveId, LeadId leadId, LeadState to, String reason, Instant requestedAt) {
        return new LeadMove(KIND, moveId, leadId, to, reason, requestedAt, false);
    }

    /** A move applied only when the lifecycle allows it at the time (see the class comment). */
    public static LeadMove ifAllowed(String moveId, LeadId leadId, LeadState to, String reason, Instant requestedAt) {
        return new LeadMove(KIND, moveId, leadId, to, reason, requestedAt, true);
    }

    /** Whether a forbidden move is skipped rather than failed. */
    public boolean skipsWhenForbidden() {
        return ifAllowed;
    }
}
