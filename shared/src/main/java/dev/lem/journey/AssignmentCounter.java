package dev.lem.journey;

/** A shared, ever-increasing counter per key: round-robin assignment takes turns with it. */
public interface AssignmentCounter {

    /** The next value (1, 2, 3, …) of {@code key}'s counter. */
    long next(String key);
}
