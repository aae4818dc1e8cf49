package dev.lem.forms;

import java.time.Instant;

/**
 * Form capture's idempotency records: a retried submission (same {@code Idempotency-Key}, or the same payload within
 * a few minutes) gets the first one's answer instead of a second capture. A claim is taken before capturing and
 * completed with the outcome afterwards; a claim whose holder died is taken over once it expires. Keys are scoped by
 * the caller: {@code <form id>#k:<Idempotency-Key>} or {@code <form id>#p:<payload hash>}.
 */
public interface CaptureIdempotencyStore {

    /** What the first submission answered. */
    record Recorded(String leadId, boolean newLead) {}

    sealed interface Claim {
        /** The key is ours: capture, then {@link #complete} or {@link #release}. */
        record Claimed() implements Claim {}

        /** Another request with this key is being captured right now. */
        record InProgress() implements Claim {}

        record Completed(Recorded outcome) implements Claim {}
    }

    /** @param claimUntil when a claim left in progress (its holder died) may be taken over */
    Claim claim(String key, Instant now, Instant claimUntil);

    /** Stores the outcome; it answers repeats until {@code answerUntil} (the record then expires by TTL). */
    void complete(String key, Recorded outcome, Instant answerUntil);

    /** Gives back a claim still in progress (the capture failed; a retry may capture). */
    void release(String key);
}
