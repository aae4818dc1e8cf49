package dev.lem.testing.fakes;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;

/**
 * How a fake fails on cue: an outage that fails every call until {@link #recover()}, or failures for the next calls
 * only. A call failed this way never reached the fake: it is not recorded and changes nothing.
 */
public abstract class ScriptedFailures {

    private final Queue<RuntimeException> next = new ArrayDeque<>();
    private RuntimeException outage;

    /** Every call fails with {@code failure} until {@link #recover()}. */
    public final void failEveryCallWith(RuntimeException failure) {
        this.outage = Objects.requireNonNull(failure, "failure");
    }

    /** The next call fails with {@code failure}; asking again fails the call after it too. */
    public final void failNextCallWith(RuntimeException failure) {
        failNextCallsWith(1, failure);
    }

    /** The next {@code calls} calls fail with {@code failure}; later calls work (unless an outage is on). */
    public final void failNextCallsWith(int calls, RuntimeException failure) {
        Objects.requireNonNull(failure, "failure");
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1");
        }
        for (int i = 0; i < calls; i++) {
            next.add(failure);
        }
    }

    /** Ends the outage and drops the failures still scripted. */
    public final void recover() {
        outage = null;
        next.clear();
    }

    /** Call first in every port method: throws the failure scripted for this call, if any. */
    protected final void throwScriptedFailure() {
        RuntimeException failure = next.poll();
        if (failure == null) {
            failure = outage;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
