package dev.lem.journey;

import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.time.Instant;
import java.util.Objects;

/**
 * A journey update step's state change, as the lifecycle move scoring applies from the activity queue (the wire
 * shape of scoring's {@code LeadMove}: {@code kind} = {@value #KIND}). Going through scoring, like moves from sales
 * and CRMs, means the change is checked against the lifecycle, time-stamped, and announced as
 * {@code lead.state-changed} (with SLA timers) — a direct write would do none of that.
 *
 * @param moveId stable per update step run ({@link #moveIdFor}), so a redelivery or a re-run of the step is a no-op
 */
public record JourneyLeadMove(String kind, String moveId, LeadId leadId, LeadState to, String reason,
                              Instant requestedAt) {

    public static final String KIND = "lead-move";
    static final String REASON = "journey update";

    public JourneyLeadMove {
        Objects.requireNonNull(moveId, "moveId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    public static JourneyLeadMove of(String updateId, LeadId leadId, LeadState to, Instant at) {
        return new JourneyLeadMove(KIND, moveIdFor(updateId), leadId, to, REASON, at);
    }

    /**
     * {@code ju-} and 24 hex digits of the update id's SHA-256: within scoring's move id limit (64 of
     * {@code [A-Za-z0-9._:-]}) whatever the journey id's length, and the same for every redelivery.
     */
    static String moveIdFor(String updateId) {
        return "ju-" + java.util.HexFormat.of().formatHex(Hashes.sha256(updateId), 0, 12);
    }
}
