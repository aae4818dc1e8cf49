package dev.lem.local.bus;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What {@code lem up} gave up on: bus deliveries and timers that failed every attempt. In AWS these
 * land in the function's or the schedule's DLQ; locally they are kept here (newest {@value #CAPACITY}).
 */
public final class DeadLetters {

    static final int CAPACITY = 1000;

    /**
     * One failed delivery.
     *
     * @param source  where it was headed, e.g. {@code bus:lead-captured-to-router} or {@code scheduler}
     * @param id      the event or schedule id
     * @param reason  the last failure: exception type and message (LEM's messages carry no PII)
     * @param payload the event envelope or timer payload (ids only, no PII)
     */
    public record DeadLetter(String source, String id, String reason, int attempts, Instant at, String payload) {}

    private final Deque<DeadLetter> letters = new ArrayDeque<>();

    public synchronized void add(DeadLetter letter) {
        if (letters.size() == CAPACITY) {
            letters.removeFirst();
        }
        letters.addLast(letter);
    }

    /** Oldest first. */
    public synchronized List<DeadLetter> list() {
        return List.copyOf(letters);
    }

    /** A failure as a dead letter's reason: exception type and message. */
    public static String reason(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
