package dev.lem.events;

/** An event that is not of the contract: unknown type, wrong source, or schema violation. Not retryable. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
