package dev.lem.journey;

/** Validates a journey document and stores it as an immutable version: one place for the admin API and the CLI. */
public final class JourneyDeployer {

    /** What deploying a document did. */
    public record Deployment(String journeyId, int version, JourneyStore.Deployed result) {}

    private final JourneyParser parser;
    private final JourneyStore store;

    public JourneyDeployer(JourneyParser parser, JourneyStore store) {
        this.parser = parser;
        this.store = store;
    }

    /**
     * @throws InvalidJourneyException           when the document is not a valid journey (every problem listed)
     * @throws JourneyVersionConflictException when this version exists with other content
     */
    public Deployment deploy(String document) {
        Journey journey = parser.parse(document);
        return new Deployment(journey.id(), journey.version(), store.deploy(journey, document));
    }
}
