package dev.lem.store;

/** The store throttled or failed on its side (5xx): the caller should retry later. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
