package dev.lem.lead;

/** A lifecycle move that {@link Lifecycle} does not allow. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
