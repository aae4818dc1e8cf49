package dev.lem.local.faults;

import java.util.Map;
import java.util.TreeMap;

/** Named counters of what a run injected and observed (thread-safe: WireMock answers on its own threads). */
public final class FaultCounts {

    private final Map<String, Integer> counts = new TreeMap<>();

    public synchronized void add(String name) {
        add(name, 1);
    }

    public synchronized void add(String name, int n) {
        counts.merge(name, n, Integer::sum);
    }

    public synchronized int get(String name) {
        return counts.getOrDefault(name, 0);
    }

    /** Every counter whose name starts with {@code prefix}, summed. */
    public synchronized int sum(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

    public synchronized Map<String, Integer> snapshot() {
        return Map.copyOf(new TreeMap<>(counts));
    }
}
