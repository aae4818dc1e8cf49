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

    private record Entry(Recorded outcome, Instant expiresAt) {}

    private final Map<String, Entry> entries = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public Claim claim(String key, Instant now, Instant claimUntil) {
        throwScriptedFailure();
        calls.add("claim " + key);
        Entry existing = entries.get(key);
        if (existing == null || existing.expiresAt().isBefore(now)) {
            entries.put(key, new Entry(null, claimUntil));
            return new Claim.Claimed();
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
        if (existing != null && existing.outcome() == null) {
            entries.remove(key);
        }
    }

    /** {@code "claim <key>"}, {@code "complete <key>"}, {@code "release <key>"} in call order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
