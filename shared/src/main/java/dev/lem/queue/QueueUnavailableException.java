package dev.lem.queue;

/** The queue did not accept a message; retryable. */
public class QueueUnavailableException extends RuntimeException {
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
