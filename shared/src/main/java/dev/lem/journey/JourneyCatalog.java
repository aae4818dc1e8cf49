package dev.lem.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journeys a router or drip instance knows, compiled once per version and kept for the life of the
 * instance; the list of latest versions is re-read from the source at most every {@code refresh}.
 */
public final class JourneyCatalog {

    private final JourneySource source;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, CompiledJourney> compiled = new ConcurrentHashMap<>();
    private volatile List<CompiledJourney> current;
    private volatile Instant loadedAt = Instant.MIN;

    public JourneyCatalog(JourneySource source, Clock clock, Duration refresh) {
        this.source = source;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** The latest version of every journey. */
    public List<CompiledJourney> current() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(loadedAt.plus(refresh))) {
            current = source.current().stream().map(this::compile).toList();
            loadedAt = now;
        }
        return current;
    }

    /** The version an enrolment is pinned to. */
    public Optional<CompiledJourney> version(String journeyId, int version) {
        CompiledJourney known = compiled.get(journeyId + "@" + version);
        if (known != null) {
            return Optional.of(known);
        }
        return source.find(journeyId, version).map(this::compile);
    }

    private CompiledJourney compile(Journey journey) {
        return compiled.computeIfAbsent(journey.key(), k -> new CompiledJourney(journey));
    }
}
