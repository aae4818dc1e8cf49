package dev.lem.json;

/** JSON text that does not parse or does not fit the expected shape. Not retryable. */
public class MalformedJsonException extends RuntimeException {
    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
