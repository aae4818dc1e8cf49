package dev.lem.testing.fakes;

import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The suppression list in memory, with DynamoDbSuppressionList's rule: the first reason for an address stays. */
public final class InMemorySuppressionList extends ScriptedFailures implements SuppressionList {

    private final Map<String, Suppression> entries = new LinkedHashMap<>();

    @Override
    public synchronized Optional<Suppression> find(String addressHash) {
        throwScriptedFailure();
        return Optional.ofNullable(entries.get(addressHash));
    }

    @Override
    public synchronized void suppress(Suppression suppression) {
        throwScriptedFailure();
        entries.putIfAbsent(suppression.addressHash(), suppression);
    }

    @Override
    public synchronized boolean lift(String addressHash, dev.lem.messaging.SuppressionReason reason) {
        throwScriptedFailure();
        Suppression existing = entries.get(addressHash);
        if (existing != null && existing.reason() != reason) {
            return false;
        }
        entries.remove(addressHash);
        return true;
    }

    /** Every entry, by address hash. */
    public synchronized Map<String, Suppression> entries() {
        return new LinkedHashMap<>(entries);
    }
}
