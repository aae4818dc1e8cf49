package dev.lem.capture;

/** A body that does not parse as its content type says. Answered with 400. */
public class InvalidSubmissionException extends RuntimeException {
    public InvalidSubmissionException(String message) {
        super(message);
    }
}
