package dev.lem.notify;

/** The provider did not send; {@code retryable} tells whether trying again can help. */
public class SendFailedException extends RuntimeException {
    private final boolean retryable;

    public SendFailedException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
