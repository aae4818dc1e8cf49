package dev.lem.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployed journeys over the built-in ones: per id, the higher version wins. */
public final class LayeredJourneySource implements JourneySource {

    private final JourneySource builtIn;
    private final JourneySource deployed;

    public LayeredJourneySource(JourneySource builtIn, JourneySource deployed) {
        this.builtIn = builtIn;
        this.deployed = deployed;
    }

    @Override
    public List<Journey> current() {
        Map<String, Journey> latest = new LinkedHashMap<>();
        List<Journey> all = new ArrayList<>(builtIn.current());
        all.addAll(deployed.current());
        for (Journey journey : all) {
            latest.merge(journey.id(), journey, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return List.copyOf(latest.values());
    }

    @Override
    public Optional<Journey> find(String journeyId, int version) {
        return deployed.find(journeyId, version).or(() -> builtIn.find(journeyId, version));
    }

    @Override
    public Optional<String> document(String journeyId, int version) {
        return deployed.document(journeyId, version).or(() -> builtIn.document(journeyId, version));
    }
}
