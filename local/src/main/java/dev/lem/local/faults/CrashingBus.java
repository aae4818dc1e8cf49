package dev.lem.local.faults;

import dev.lem.bus.EventBus;
import dev.lem.bus.EventPublishException;
import dev.lem.events.LemEvent;
import java.util.List;

/**
 * The event publisher with a crash forced in front of it: once every N publishes the call dies before anything
 * reaches the bus — exactly the moment after the handler's DynamoDB write (which comes first in every service) and
 * before its event publish. The handler fails, so its trigger is retried (SQS redelivery, a client's retry).
 */
final class CrashingBus implements EventBus {

    private final EventBus bus;
    private final Faults faults;

    CrashingBus(EventBus bus, Faults faults) {
        this.bus = bus;
        this.faults = faults;
    }

    @Override
    public void publish(List<? extends LemEvent> events) {
        if (faults.crashBeforePublish()) {
            throw new EventPublishException("fault injection: crashed after the store write, before the publish",
                    new IllegalStateException("injected crash"));
        }
        bus.publish(events);
    }
}
