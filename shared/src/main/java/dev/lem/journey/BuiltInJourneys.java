package dev.lem.journey;

import dev.lem.events.EventContract;
import java.util.List;
import java.util.Optional;

/**
 * The journeys shipped with LEM ({@code journeys/<id>.json} on the classpath): they run without any deploy, and a
 * deployed journey with the same id and a higher version replaces them.
 */
public final class BuiltInJourneys implements JourneySource {

    /** The welcome journey: a welcome email on capture, a follow-up after two days with email consent. */
    public static final String WELCOME = "welcome";
    public static final List<String> IDS = List.of(WELCOME);

    private final List<Journey> journeys;

    private BuiltInJourneys(List<Journey> journeys) {
        this.journeys = List.copyOf(journeys);
    }

    public static BuiltInJourneys load(JourneyParser parser) {
        return new BuiltInJourneys(IDS.stream().map(id -> parser.parse(document(id))).toList());
    }

    public static String document(String id) {
        return EventContract.resource("journeys/" + id + ".json");
    }

    @Override
    public List<Journey> current() {
        return journeys;
    }

    @Override
    public Optional<Journey> find(String journeyId, int version) {
        return journeys.stream().filter(j -> j.id().equals(journeyId) && j.version() == version).findFirst();
    }

    @Override
    public Optional<String> document(String journeyId, int version) {
        return find(journeyId, version).map(j -> document(j.id()));
    }
}
