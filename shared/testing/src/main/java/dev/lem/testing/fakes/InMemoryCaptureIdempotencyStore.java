package dev.lem.testing.fakes;

import dev.lem.forms.CaptureIdempotencyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDbCaptureIdempotencyStore's rules: a key is claimable when absent or past its {@code expiresAt}; a completed
 * record answers until then; release removes only a claim in progress.
 */
public final class InMemoryCaptureIdempotencyStore extends ScriptedFailures implements CaptureIdempotencyStore {

    private record Entry(Recorded outcome, Instant expiresAt, Interrupted interrupted, Instant resumeUntil) {
        Entry(Recorded outcome, Instant expiresAt) {
            this(outcome, expiresAt, null, null);
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public Claim claim(String key, Instant now, Instant claimUntil) {
        throwScriptedFailure();
        calls.add("claim " + key);
        Entry existing = entries.get(key);
        if (existing == null || existing.expiresAt().isBefore(now)) {
            entries.put(key, new Entry(null, claimUntil));
            return new Claim.Claimed(java.util.Optional.ofNullable(existing)
                    .filter(e -> e.interrupted() != null && !e.resumeUntil().isBefore(now)).map(Entry::interrupted));
        }
        return existing.outcome() == null ? new Claim.InProgress() : new Claim.Completed(existing.outcome());
    }

    @Override
    public void complete(String key, Recorded outcome, Instant answerUntil) {
        throwScriptedFailure();
        calls.add("complete " + key);
        entries.put(key, new Entry(outcome, answerUntil));
    }

    @Override
    public void release(String key) {
        throwScriptedFailure();
        calls.add("release " + key);
        Entry existing = entries.get(key);
        if (existing != null && existing.outcome() == null && existing.interrupted() == null) {
            entries.remove(key);
        }
    }

    @Override
    public void interrupt(String key, Interrupted capture, Instant resumeUntil) {
        throwScriptedFailure();
        calls.add("interrupt " + key);
        Entry existing = entries.get(key);
        if (existing != null && existing.outcome() == null && existing.interrupted() == null) {
            entries.put(key, new Entry(null, Instant.EPOCH, capture, resumeUntil));
        }
    }

    /** {@code "claim <key>"}, {@code "complete <key>"}, {@code "release <key>"}, {@code "interrupt <key>"} in call order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
