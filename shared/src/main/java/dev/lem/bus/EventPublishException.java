package dev.lem.bus;

/** Some events were not accepted by the bus; retrying the whole call is safe (consumers dedupe). */
public class EventPublishException extends RuntimeException {
    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
