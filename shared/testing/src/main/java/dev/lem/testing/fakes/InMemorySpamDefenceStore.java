package dev.lem.testing.fakes;

import dev.lem.forms.SpamDefenceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDbSpamDefenceStore's rules: a nonce is claimed once (until it expires, which this fake applies at once);
 * a counter counts per (form, ip hash, minute).
 */
public final class InMemorySpamDefenceStore extends ScriptedFailures implements SpamDefenceStore {

    private final Map<String, Instant> claimed = new HashMap<>();
    private final Map<String, Long> counters = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public boolean claimToken(String nonce, Instant expiresAt) {
        throwScriptedFailure();
        calls.add("claim " + nonce);
        return claimed.putIfAbsent(nonce, expiresAt) == null;
    }

    @Override
    public void releaseToken(String nonce) {
        throwScriptedFailure();
        calls.add("release " + nonce);
        claimed.remove(nonce);
    }

    @Override
    public long countSubmission(String formId, String ipHash, Instant minute, Instant expiresAt) {
        throwScriptedFailure();
        calls.add("count " + formId + " " + ipHash + " " + minute);
        return counters.merge(formId + "#" + ipHash + "#" + minute.getEpochSecond() / 60, 1L, Long::sum);
    }

    /** The nonces claimed so far. */
    public java.util.Set<String> claimedNonces() {
        return java.util.Set.copyOf(claimed.keySet());
    }

    /** {@code "claim <nonce>"}, {@code "release <nonce>"} and {@code "count <form> <ip hash> <minute>"} in call order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
