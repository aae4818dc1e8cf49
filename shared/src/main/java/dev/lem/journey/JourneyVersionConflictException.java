package dev.lem.journey;

/** A journey version was deployed before with a different document: versions are immutable, bump the version. */
public class JourneyVersionConflictException extends RuntimeException {
    public JourneyVersionConflictException(String message) {
        super(message);
    }
}
