package dev.lem.scoring;

import dev.lem.bus.EventBus;
import dev.lem.events.LemEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was published; can be made to fail like PutEvents does. */
public final class RecordingEventBus implements EventBus {

    private final List<LemEvent> published = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public void publish(List<? extends LemEvent> events) {
        if (failure != null) {
            throw failure;
        }
        published.addAll(events);
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public void recover() {
        this.failure = null;
    }

    public List<LemEvent> published() {
        return List.copyOf(published);
    }
}
