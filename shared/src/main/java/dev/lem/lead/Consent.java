package dev.lem.lead;

import java.time.Instant;

/**
 * A lead's consent to one channel ({@code email}, {@code sms}, {@code phone}): given or withdrawn, which consent text
 * (and version) they saw, when; where it was given (form id), from which network (keyed hash of the IP, never the
 * IP), and for double opt-in when it was confirmed. The last three may be null (not known, or not confirmed).
 */
public record Consent(boolean granted, String textVersion, Instant recordedAt, String formId, String ipHash,
                      Instant confirmedAt) {

    public Consent(boolean granted, String textVersion, Instant recordedAt) {
        this(granted, textVersion, recordedAt, null, null, null);
    }

    public Consent confirmed(Instant at) {
        return new Consent(granted, textVersion, recordedAt, formId, ipHash, at);
    }
}
