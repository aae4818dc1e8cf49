package dev.lem.notify;

import java.time.Instant;
import java.util.Optional;

/** What the send gate decided for one message. Reasons are stable codes, used in events and activity. */
public sealed interface GateDecision {

    String reason();

    /** Send now; the recipient is empty for webhooks (they go to a configured system). */
    record Send(Optional<Recipient> recipient) implements GateDecision {
        @Override
        public String reason() {
            return "allowed";
        }
    }

    /** Not now: send again at {@code until} (quiet hours, a frequency cap). */
    record Hold(Instant until, String reason) implements GateDecision {}

    /** Never: no address, suppressed, no consent. */
    record Block(String reason) implements GateDecision {}
}
