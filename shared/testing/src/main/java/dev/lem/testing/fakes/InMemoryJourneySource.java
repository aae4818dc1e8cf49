package dev.lem.testing.fakes;

import dev.lem.journey.Journey;
import dev.lem.journey.JourneySource;
import dev.lem.journey.JourneyStore;
import dev.lem.journey.JourneyVersionConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** DynamoDbJourneyStore's rules in memory: versions immutable, the highest deployed version is current. */
public final class InMemoryJourneySource implements JourneyStore {

    private final Map<String, Journey> versions = new LinkedHashMap<>();
    private final Map<String, String> documents = new LinkedHashMap<>();
    private int currentCalls;

    public static JourneySource of(Journey... journeys) {
        InMemoryJourneySource source = new InMemoryJourneySource();
        for (Journey journey : journeys) {
            source.deploy(journey, journey.key());
        }
        return source;
    }

    @Override
    public synchronized Deployed deploy(Journey journey, String document) {
        Journey stored = versions.get(journey.key());
        if (stored != null) {
            if (!stored.equals(journey)) {
                throw new JourneyVersionConflictException("journey " + journey.key() + " is already deployed with different content");
            }
            return Deployed.UNCHANGED;
        }
        versions.put(journey.key(), journey);
        documents.put(journey.key(), document);
        return Deployed.CREATED;
    }

    @Override
    public synchronized List<Journey> current() {
        currentCalls++;
        Map<String, Journey> latest = new LinkedHashMap<>();
        for (Journey journey : versions.values()) {
            latest.merge(journey.id(), journey, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return new ArrayList<>(latest.values());
    }

    @Override
    public synchronized Optional<Journey> find(String journeyId, int version) {
        return Optional.ofNullable(versions.get(journeyId + "@" + version));
    }

    @Override
    public synchronized Optional<String> document(String journeyId, int version) {
        return Optional.ofNullable(documents.get(journeyId + "@" + version));
    }

    /** How often {@link #current()} was read. */
    public synchronized int currentCalls() {
        return currentCalls;
    }
}
