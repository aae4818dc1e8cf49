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

    /**
     * A capture that wrote its lead and then failed before it finished (e.g. the event publish): a retry of the same
     * submission resumes it under the first attempt's submission id (so its activity and {@code lead.captured} keep
     * their ids, and consumers dedupe them) and still announces a lead it created as new.
     */
    record Interrupted(String submissionId, String leadId, boolean newLead) {}

    sealed interface Claim {
        /**
         * The key is ours: capture, then {@link #complete}, {@link #interrupt} or {@link #release}. {@code resume}: the
         * earlier attempt of this submission that wrote the lead and failed, if any.
         */
        record Claimed(java.util.Optional<Interrupted> resume) implements Claim {
            public Claimed() {
                this(java.util.Optional.empty());
            }
        }

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

    /**
     * Gives back a claim still in progress whose capture wrote the lead and then failed: the next claim of this key
     * (until {@code resumeUntil}) is {@link Claim.Claimed} with this as its {@code resume}.
     */
    void interrupt(String key, Interrupted capture, Instant resumeUntil);
}
