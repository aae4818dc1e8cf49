package dev.lem.lead;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a lead's lifecycle log: it entered {@code to} from {@code from} at {@code enteredAt}.
 * Time in a state is the gap to the next entry (or to now for the last one).
 */
public record StateEntry(LeadState from, LeadState to, Instant enteredAt, String reason) {
    public StateEntry {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(enteredAt, "enteredAt");
        reason = reason == null ? "" : reason;
    }
}
