package dev.lem.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One suppressed address, known only by its keyed hash ({@link dev.lem.lead.IdentityHasher}): the list
 * outlives the lead (erasure keeps the hash, never the address).
 */
public record Suppression(String addressHash, SuppressionReason reason, Instant at) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public Suppression {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (addressHash == null || !HASH.matcher(addressHash).matches()) {
            throw new IllegalArgumentException("addressHash must be a lower-case hex HMAC-SHA256");
        }
    }
}
