package dev.lem.local.bus;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.bus.EventBus;
import dev.lem.bus.EventPublishException;
import dev.lem.config.FunctionName;
import dev.lem.cost.Metering;
import dev.lem.events.EventEnvelope;
import dev.lem.events.LemEvent;
import dev.lem.events.RuleDefinition;
import dev.lem.events.RuleDefinition.RuleTarget;
import dev.lem.json.Json;
import dev.lem.local.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * The {@code lem} bus on one machine: each event is wrapped in the EventBridge envelope, matched with
 * event-ruler (EventBridge's own matcher) against every {@link RuleDefinition#ALL} pattern, and handed
 * to each matching rule's target asynchronously, as EventBridge invokes Lambda. A target that throws
 * is retried twice; then the delivery is logged and kept in {@link DeadLetters} with the reason. Like
 * EventBridge, the bus does not validate details: consumers do (the router decodes with the contract).
 */
public final class LocalEventBus implements EventBus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);
    static final int ATTEMPTS = 3;
    static final String ACCOUNT_ID = "000000000000";

    /** What a put did: the envelope's id and the rules that matched it. */
    public record Put(String id, List<String> matchedRules) {}

    private final Machine machine = new Machine();
    private final Map<String, RuleDefinition> rules = new LinkedHashMap<>();
    private final Map<RuleTarget, RequestStreamHandler> targets;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final String region;
    private final Duration retryDelay;
    private final ScheduledExecutorService executor;
    private final List<Consumer<LemEvent>> observers = new CopyOnWriteArrayList<>();

    public LocalEventBus(List<RuleDefinition> ruleDefinitions, Map<RuleTarget, RequestStreamHandler> targets,
                         DeadLetters deadLetters, Clock clock, String region, Duration retryDelay) {
        for (RuleDefinition rule : ruleDefinitions) {
            try {
                machine.addRule(rule.name(), rule.pattern());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("rule " + rule.name() + " has an invalid pattern", e);
            }
            rules.put(rule.name(), rule);
        }
        this.targets = new EnumMap<>(targets);
        for (RuleDefinition rule : ruleDefinitions) {
            if (!this.targets.containsKey(rule.target())) {
                throw new IllegalArgumentException("no handler for rule target " + rule.target() + " of rule " + rule.name());
            }
        }
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.region = region;
        this.retryDelay = retryDelay;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(4, r -> {
            Thread thread = new Thread(r, "lem-bus-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void publish(List<? extends LemEvent> events) {
        if (!events.isEmpty()) {
            Metering.request("EventBridge", "PutEvents", events.size()); // what EventBridgeEventBus would bill
        }
        events.forEach(this::put);
    }

    /**
     * Puts one event on the bus: envelope, match, deliveries queued. Returns at once, like PutEvents.
     *
     * @throws EventPublishException when the bus is stopped
     */
    public Put put(LemEvent event) {
        EventEnvelope envelope = new EventEnvelope("0", UUID.randomUUID().toString(), event.detailType().wireName(),
                event.detailType().source(), ACCOUNT_ID,
                (event.occurredAt() == null ? clock.instant() : event.occurredAt()).truncatedTo(ChronoUnit.SECONDS),
                region, List.of(), Json.mapper().valueToTree(event));
        String json = Json.write(envelope);
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(json);
        } catch (Exception e) {
            throw new EventPublishException("event could not be matched against the rules", e);
        }
        for (String ruleName : matched) {
            deliver(rules.get(ruleName), envelope.id(), json, 1, 0);
        }
        for (Consumer<LemEvent> observer : observers) {
            try {
                observer.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("bus observer failed detailType={} error={}", event.detailType().wireName(), e.getClass().getSimpleName());
            }
        }
        return new Put(envelope.id(), List.copyOf(matched));
    }

    /**
     * Shows every event put on the bus to {@code observer} too (like an EventBridge archive: {@code lem up}
     * keeps the lifecycle history this way); an observer that fails is logged, never fails the put.
     */
    public void observe(Consumer<LemEvent> observer) {
        observers.add(observer);
    }

    private void deliver(RuleDefinition rule, String id, String envelope, int attempt, long delayMillis) {
        try {
            executor.schedule(() -> invoke(rule, id, envelope, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (attempt == 1) {
                throw new EventPublishException("the local bus is stopped", e);
            }
            LOG.warn("bus delivery dropped reason=bus-stopped rule={} eventId={}", rule.name(), id);
        }
    }

    private void invoke(RuleDefinition rule, String id, String envelope, int attempt) {
        try {
            RequestStreamHandler handler = targets.get(rule.target());
            handler.handleRequest(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), LocalLambdaContext.invoke(function(rule.target())));
        } catch (Exception e) {
            if (attempt < ATTEMPTS) {
                LOG.warn("bus delivery failed, retrying rule={} eventId={} attempt={} error={}", rule.name(), id, attempt,
                        e.getClass().getSimpleName());
                deliver(rule, id, envelope, attempt + 1, retryDelay.toMillis() * attempt);
                return;
            }
            LOG.error("bus delivery dead-lettered rule={} eventId={} attempts={} error={}", rule.name(), id, attempt,
                    e.getClass().getSimpleName());
            deadLetters.add(new DeadLetters.DeadLetter("bus:" + rule.name(), id, DeadLetters.reason(e), attempt,
                    clock.instant(), envelope));
        }
    }

    private static FunctionName function(RuleTarget target) {
        return switch (target) {
            case ROUTER -> FunctionName.ROUTER;
            case REPORTING -> FunctionName.REPORTING;
        };
    }

    /** Stops taking events; deliveries already queued get a few seconds to finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                List<Runnable> dropped = executor.shutdownNow();
                LOG.warn("bus stopped with deliveries pending count={}", dropped.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
