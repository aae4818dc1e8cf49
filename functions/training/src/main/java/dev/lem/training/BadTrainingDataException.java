package dev.lem.training;

/** The training file cannot be used as it is; the message says what is wrong and where. */
public final class BadTrainingDataException extends RuntimeException {

    public BadTrainingDataException(String message) {
        super(message);
    }
}
