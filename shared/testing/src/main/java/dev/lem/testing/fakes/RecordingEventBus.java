package dev.lem.testing.fakes;

import dev.lem.bus.EventBus;
import dev.lem.events.LemEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what was published, in order; fails like PutEvents does when told to ({@link ScriptedFailures}). A failed
 * publish publishes none of its events.
 */
public final class RecordingEventBus extends ScriptedFailures implements EventBus {

    private final List<LemEvent> published = new ArrayList<>();

    @Override
    public void publish(List<? extends LemEvent> events) {
        throwScriptedFailure();
        published.addAll(events);
    }

    /** Every event published, in order, republished ones again. */
    public List<LemEvent> published() {
        return List.copyOf(published);
    }
}
