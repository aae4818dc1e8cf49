package dev.lem.testing.fakes;

import dev.lem.idempotency.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDbIdempotencyStore's rules: a live claim or a completed record blocks a claim; a claim whose holder died
 * (past {@code inProgressFor}) may be taken over; a completed record is kept for {@code keepFor} (the table's TTL,
 * which DynamoDB applies lazily and this fake at once); release gives back only a claim still in progress.
 */
public final class InMemoryIdempotencyStore extends ScriptedFailures implements IdempotencyStore {

    public enum Status { IN_PROGRESS, COMPLETED }

    /** @param expiresAt when an IN_PROGRESS claim may be taken over, or when a COMPLETED record is gone */
    public record Entry(Status status, Instant expiresAt) {}

    private final Map<String, Entry> entries = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** Another delivery holds the key until {@code until} (set up without a recorded call). */
    public void hold(String key, Instant until) {
        entries.put(key, new Entry(Status.IN_PROGRESS, until));
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** {@code "claim <key> <minutes>m"}, {@code "complete <key> <days>d"}, {@code "release <key>"}, in call order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Claim claim(String key, Instant now, Duration inProgressFor) {
        throwScriptedFailure();
        calls.add("claim " + key + " " + inProgressFor.toMinutes() + "m");
        Entry existing = entries.get(key);
        if (existing == null || existing.expiresAt().isBefore(now)) {
            entries.put(key, new Entry(Status.IN_PROGRESS, now.plus(inProgressFor)));
            return Claim.CLAIMED;
        }
        return existing.status() == Status.COMPLETED ? Claim.ALREADY_COMPLETED : Claim.IN_PROGRESS;
    }

    @Override
    public void complete(String key, Instant now, Duration keepFor) {
        throwScriptedFailure();
        calls.add("complete " + key + " " + keepFor.toDays() + "d");
        entries.put(key, new Entry(Status.COMPLETED, now.plus(keepFor)));
    }

    @Override
    public void release(String key) {
        throwScriptedFailure();
        calls.add("release " + key);
        Entry existing = entries.get(key);
        if (existing != null && existing.status() == Status.IN_PROGRESS) {
            entries.remove(key);
        }
    }
}
