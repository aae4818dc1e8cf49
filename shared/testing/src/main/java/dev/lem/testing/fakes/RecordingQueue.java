package dev.lem.testing.fakes;

import dev.lem.queue.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** Keeps the bodies sent, in order; fails like SQS does when told to ({@link ScriptedFailures}). */
public final class RecordingQueue extends ScriptedFailures implements MessageQueue {

    private final List<String> bodies = new ArrayList<>();

    @Override
    public synchronized void send(String body) {
        throwScriptedFailure();
        bodies.add(body);
    }

    /** Every body the queue took, in order. */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Forgets the bodies taken so far. */
    public synchronized void clear() {
        bodies.clear();
    }
}
