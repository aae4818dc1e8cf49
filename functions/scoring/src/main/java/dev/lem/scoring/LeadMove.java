package dev.lem.scoring;

import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A lifecycle move asked for by sales or a CRM (to SQL, customer, disqualified, re-market, …), on the activity
 * queue with {@code kind} = {@value #KIND}; {@code moveId} makes a redelivery a no-op.
 */
public record LeadMove(String kind, String moveId, LeadId leadId, LeadState to, String reason, Instant requestedAt) {

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
    }

    public static LeadMove of(String moveId, LeadId leadId, LeadState to, String reason, Instant requestedAt) {
        return new LeadMove(KIND, moveId, leadId, to, reason, requestedAt);
    }
}
