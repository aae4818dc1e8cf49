package dev.lem.journey;

/** Deployed journeys, every version kept (enrolments stay on the version they entered). */
public interface JourneyStore extends JourneySource {

    /** What a deploy did. */
    enum Deployed { CREATED, UNCHANGED }

    /**
     * Stores this version and makes it the latest (unless a higher version is already latest).
     *
     * @param document the journey's JSON document as validated
     * @throws JourneyVersionConflictException when this version exists with a different document
     */
    Deployed deploy(Journey journey, String document);
}
