package dev.lem.testing.fakes;

import dev.lem.journey.AssignmentCounter;
import java.util.HashMap;
import java.util.Map;

/** DynamoDbAssignmentCounter in memory: 1, 2, 3, … per key. */
public final class InMemoryAssignmentCounter implements AssignmentCounter {

    private final Map<String, Long> counters = new HashMap<>();

    @Override
    public synchronized long next(String key) {
        return counters.merge(key, 1L, Long::sum);
    }
}
