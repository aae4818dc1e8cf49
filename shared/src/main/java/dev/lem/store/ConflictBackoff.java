package dev.lem.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before retrying a write DynamoDB did not take (a {@code TransactionConflict} with a concurrent write,
 * unprocessed items of a batch):
 * exponential with full jitter — a random wait up to 25 ms · 2^attempt, at most {@value #MAX_MS} ms — so writers
 * contending for one item (a day's outcome tally, a lead's partition) spread out instead of colliding again in step.
 */
final class ConflictBackoff {

    static final long MAX_MS = 1_000;

    private ConflictBackoff() {}

    /** Waits before attempt {@code attempt + 1}; an interrupt ends the wait as a retryable store failure. */
    static void pause(int attempt, String operation) {
        long bound = Math.min(MAX_MS, 25L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(operation + " interrupted", e);
        }
    }
}
