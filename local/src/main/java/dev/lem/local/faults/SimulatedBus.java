package dev.lem.local.faults;

import dev.lem.bus.EventBus;
import dev.lem.bus.EventPublishException;
import dev.lem.events.EventEnvelope;
import dev.lem.events.LemEvent;
import dev.lem.events.RuleDefinition;
import dev.lem.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import software.amazon.event.ruler.Machine;

/**
 * The {@code lem} bus of a fault run: each event is put in its EventBridge envelope, matched with event-ruler against
 * {@link RuleDefinition#ALL}, and queued for the router; the run delivers the queue itself (one thread, so a seed
 * replays). Keeps every event that was really put, for the reconciliation.
 */
final class SimulatedBus implements EventBus {

    /** One delivery of an envelope to the router; {@code attempt} counts Lambda's async attempts; {@code copy}: a duplicate. */
    record Delivery(String envelope, String eventId, int attempt, boolean copy) {}

    private final Machine machine = new Machine();
    private final Clock clock;
    private final List<LemEvent> published = new ArrayList<>();
    private final Deque<Delivery> pending = new ArrayDeque<>();

    SimulatedBus(Clock clock) {
        this.clock = clock;
        for (RuleDefinition rule : RuleDefinition.ALL) {
            try {
                machine.addRule(rule.name(), rule.pattern());
            } catch (IOException e) {
                throw new IllegalStateException("rule " + rule.name() + " does not compile", e);
            }
        }
    }

    @Override
    public void publish(List<? extends LemEvent> events) {
        for (LemEvent event : events) {
            EventEnvelope envelope = new EventEnvelope("0", UUID.randomUUID().toString(), event.detailType().wireName(),
                    event.detailType().source(), "000000000000",
                    (event.occurredAt() == null ? clock.instant() : event.occurredAt()).truncatedTo(ChronoUnit.SECONDS),
                    "eu-west-1", List.of(), Json.mapper().valueToTree(event));
            String json = Json.write(envelope);
            try {
                if (!machine.rulesForJSONEvent(json).isEmpty()) {
                    pending.add(new Delivery(json, event.eventId(), 1, false));
                }
            } catch (Exception e) {
                throw new EventPublishException("event could not be matched against the rules", e);
            }
            published.add(event);
        }
    }

    List<LemEvent> published() {
        return List.copyOf(published);
    }

    Delivery next() {
        return pending.poll();
    }

    void retry(Delivery delivery) {
        pending.add(new Delivery(delivery.envelope(), delivery.eventId(), delivery.attempt() + 1, delivery.copy()));
    }

    /** A duplicate delivery of the same envelope (EventBridge is at-least-once too), queued behind newer events. */
    void duplicate(Delivery delivery) {
        pending.add(new Delivery(delivery.envelope(), delivery.eventId(), 1, true));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
