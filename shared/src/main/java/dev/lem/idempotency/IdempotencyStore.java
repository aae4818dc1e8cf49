package dev.lem.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * Claims a unit of work by key so that a redelivered message does it once. A claim is IN_PROGRESS until
 * {@link #complete}d or {@link #release}d; a claim whose holder died expires after {@code inProgressFor}
 * and may be taken again.
 */
public interface IdempotencyStore {

    enum Claim { CLAIMED, ALREADY_COMPLETED, IN_PROGRESS }

    Claim claim(String key, Instant now, Duration inProgressFor);

    /** Marks the work done; the record is kept for {@code keepFor} to catch late duplicates. */
    void complete(String key, Instant now, Duration keepFor);

    /** Gives the claim back after a failure, so a retry can do the work. */
    void release(String key);
}
