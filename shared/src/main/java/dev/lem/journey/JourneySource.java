package dev.lem.journey;

import java.util.List;
import java.util.Optional;

/** Where journeys come from: the latest version of each, and any version an enrolment is pinned to. */
public interface JourneySource {

    /** The latest version of every journey. */
    List<Journey> current();

    Optional<Journey> find(String journeyId, int version);

    /** The document a journey version was deployed as, where this source keeps it. */
    default Optional<String> document(String journeyId, int version) {
        return Optional.empty();
    }
}
