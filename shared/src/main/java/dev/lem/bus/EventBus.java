package dev.lem.bus;

import dev.lem.events.LemEvent;
import java.util.List;

/** Publishes contract events on the {@code lem} bus. */
public interface EventBus {

    /** Publishes all events or throws {@link EventPublishException}; events carry their own dedupe ids. */
    void publish(List<? extends LemEvent> events);

    default void publish(LemEvent event) {
        publish(List.of(event));
    }
}
