package dev.lem.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether a lead who has been through a journey may enter it again: never, after some days, or always. */
public record ReEntry(Policy policy, Optional<Duration> after) {

    public enum Policy { NEVER, AFTER, ALWAYS }

    public static final ReEntry NEVER = new ReEntry(Policy.NEVER, Optional.empty());

    public ReEntry {
        if (policy == Policy.AFTER && after.isEmpty()) {
            throw new IllegalArgumentException("re-entry after needs a duration");
        }
    }

    /**
     * Whether a new entry is allowed given the lead's latest enrolment. A lead still active in the journey never
     * re-enters (the running enrolment continues).
     */
    public boolean allows(Enrolment previous, Instant now) {
        if (previous.status() == Enrolment.Status.ACTIVE) {
            return false;
        }
        return switch (policy) {
            case NEVER -> false;
            case ALWAYS -> true;
            case AFTER -> !previous.enrolledAt().plus(after.orElseThrow()).isAfter(now);
        };
    }
}
