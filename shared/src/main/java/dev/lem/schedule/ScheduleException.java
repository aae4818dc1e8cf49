package dev.lem.schedule;

/** The scheduler refused or failed; {@code retryable} tells whether trying again can help. */
public class ScheduleException extends RuntimeException {
    private final boolean retryable;

    public ScheduleException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
