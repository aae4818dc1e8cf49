package dev.lem.journey;

import java.time.Instant;

/** Where a journey run stopped: parked at a waiting step until a time (or its event), or ended. */
public sealed interface Outcome {

    record Parked(int position, Instant wakeAt) implements Outcome {}

    record Ended(Enrolment.Status status, int position) implements Outcome {}
}
