package dev.lem.tracking;

import dev.lem.queue.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** Keeps the bodies sent; can be made to fail like SQS does. */
public final class RecordingQueue implements MessageQueue {

    private final List<String> bodies = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public void send(String body) {
        if (failure != null) {
            throw failure;
        }
        bodies.add(body);
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }
}
