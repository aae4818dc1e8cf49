package dev.lem.lead;

/** The activity of a write is already recorded (a redelivery): nothing was written. */
public class DuplicateActivityException extends RuntimeException {
    public DuplicateActivityException(String activityId) {
        super("activity " + activityId + " already recorded");
    }
}
