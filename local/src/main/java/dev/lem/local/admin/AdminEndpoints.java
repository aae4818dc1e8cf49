package dev.lem.local.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.InvalidEventException;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.bus.LocalEventBus;
import dev.lem.local.gateway.Endpoint;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import dev.lem.local.queue.DeadLetterQueues;
import dev.lem.local.schedule.LocalStepScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an operator (or a test) may do to a running {@code lem up}, with the run's admin token only:
 * fire due timers early, read the dead letters, and put a marketer's event on the bus.
 */
public final class AdminEndpoints {

    private final AdminToken token;
    private final LocalStepScheduler scheduler;
    private final LocalEventBus bus;
    private final DeadLetters deadLetters;
    private final DeadLetterQueues deadLetterQueues;
    private final EventCodec codec;
    private final Clock clock;
    private final String region;

    public AdminEndpoints(AdminToken token, LocalStepScheduler scheduler, LocalEventBus bus, DeadLetters deadLetters,
                          DeadLetterQueues deadLetterQueues, EventCodec codec, Clock clock, String region) {
        this.token = token;
        this.scheduler = scheduler;
        this.bus = bus;
        this.deadLetters = deadLetters;
        this.deadLetterQueues = deadLetterQueues;
        this.codec = codec;
        this.clock = clock;
        this.region = region;
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.post("/admin/schedules/fire-due", guarded(this::fireDue))
                .get("/admin/schedules", guarded(r -> schedules()))
                .get("/admin/dead-letters", guarded(r -> deadLetters()))
                .post("/admin/events", guarded(this::putEvent));
    }

    private Endpoint guarded(Endpoint endpoint) {
        return token.guard(endpoint);
    }

    /** {@code ?until=<ISO instant>} (default: now): fires every schedule due by then, soonest first. */
    GatewayReply fireDue(GatewayRequest request) {
        Instant until;
        try {
            until = request.queryParameter("until").map(Instant::parse).orElseGet(clock::instant);
        } catch (DateTimeParseException e) {
            return GatewayReply.error(400, "until must be an ISO-8601 instant, e.g. 2026-11-25T10:00:00Z");
        }
        LocalStepScheduler.Firing firing = scheduler.fireDue(until);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("until", until.toString());
        body.put("fired", firing.fired());
        body.put("failed", firing.failed());
        body.put("pending", scheduler.pending().size());
        return GatewayReply.json(200, body);
    }

    GatewayReply schedules() {
        return GatewayReply.json(200, scheduler.pending());
    }

    GatewayReply deadLetters() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveries", deadLetters.list());
        body.put("queues", deadLetterQueues.peek());
        return GatewayReply.json(200, body);
    }

    /**
     * {@code {"detail-type", "source", "detail"}}, as a marketer's PutEvents entry: validated against the
     * contract first (400 with the reason), then put on the local bus.
     */
    GatewayReply putEvent(GatewayRequest request) {
        JsonNode entry;
        try {
            entry = Json.tree(new String(request.body(), StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            return GatewayReply.error(400, "body is not valid JSON");
        }
        if (entry == null || !entry.isObject() || !entry.path("detail-type").isTextual() || !entry.path("source").isTextual()) {
            return GatewayReply.error(400, "body must be {\"detail-type\": \"...\", \"source\": \"...\", \"detail\": {...}}");
        }
        EventEnvelope envelope = new EventEnvelope("0", UUID.randomUUID().toString(), entry.get("detail-type").asText(),
                entry.get("source").asText(), "000000000000", clock.instant(), region, List.of(), entry.get("detail"));
        LemEvent event;
        try {
            event = codec.decode(envelope);
        } catch (InvalidEventException e) {
            return GatewayReply.error(400, e.getMessage());
        }
        LocalEventBus.Put put = bus.put(event);
        return GatewayReply.json(200, Map.of("id", put.id(), "matchedRules", put.matchedRules()));
    }
}
