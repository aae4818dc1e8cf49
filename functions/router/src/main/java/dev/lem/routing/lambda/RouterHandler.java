package dev.lem.routing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.InvalidEventException;
import dev.lem.journey.AudienceBatch;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lambda.JsonPayloads;
import dev.lem.lambda.MeteredStreamHandler;
import dev.lem.lambda.SqsBatches;
import dev.lem.queue.MessageQueue;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.AudienceFanOut;
import dev.lem.routing.AudienceService;
import dev.lem.routing.RouterConfig;
import dev.lem.routing.RoutingService;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadSegments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Target of the bus rules: one EventBridge event in, validated against the contract, routed. An event
 * that breaks the contract throws {@link InvalidEventException}, so after Lambda's async retries it
 * lands in the function's DLQ with the reason, instead of being dropped silently.
 *
 * <p>The router also consumes the audience queue (a campaign trigger's audience in batches): an SQS batch
 * ({@code {"Records": [...]}}) is enrolled batch by batch and answered with a partial batch response.
 */
public final class RouterHandler extends MeteredStreamHandler {

    private static final int MAX_EVENT_BYTES = 256 * 1024;

    /** The services the handler calls; {@code audience} is empty for a router without an audience queue. */
    public record Services(RoutingService routing, Optional<AudienceService> audience) {}

    private final RoutingService service;
    private final Optional<AudienceService> audience;
    private final EventCodec codec;

    public RouterHandler() {
        this(wire(RouterConfig.fromEnv(Env.system())));
    }

    public RouterHandler(RoutingService service) {
        this(new Services(service, Optional.empty()));
    }

    public RouterHandler(Services services) {
        this.service = services.routing();
        this.audience = services.audience();
        this.codec = EventCodec.create();
    }

    public static Services wire(RouterConfig config) {
        Clock clock = Clock.systemUTC();
        var dynamo = AwsClients.dynamoDb(config.aws());
        var sqs = AwsClients.sqs(config.aws());
        JourneyRuntime journeys = JourneyRuntime.create(dynamo, config.tableName(),
                new SqsMessageQueue(sqs, config.notifyQueueUrl()), new SqsMessageQueue(sqs, config.activityQueueUrl()),
                new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), config.scheduleGroup(),
                        config.dripFunctionArn(), config.schedulerRoleArn(), config.schedulerDeadLetterArn()),
                clock);
        Optional<MessageQueue> audienceQueue = config.audienceQueueUrl().map(url -> new SqsMessageQueue(sqs, url));
        RoutingService routing = new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), clock, audienceQueue.map(AudienceFanOut::new).orElseGet(AudienceFanOut::unavailable));
        return new Services(routing, audienceQueue.map(queue -> new AudienceService(routing,
                new DynamoDbLeadSegments(dynamo, config.tableName()), journeys.leads(), queue,
                new DynamoDbIdempotencyStore(dynamo, config.tableName()), clock)));
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = JsonPayloads.read(input, MAX_EVENT_BYTES, JsonNode.class, "event", "an EventBridge envelope",
                InvalidEventException::new);
        if (!payload.isObject()) {
            throw new InvalidEventException("event is not an EventBridge envelope");
        }
        if (payload.has("Records")) {
            output.write(Json.write(audienceBatches(payload)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        EventEnvelope envelope;
        try {
            envelope = Json.convert(payload, EventEnvelope.class);
        } catch (MalformedJsonException | IllegalArgumentException e) {
            throw new InvalidEventException("event is not an EventBridge envelope");
        }
        service.route(codec.decode(envelope), envelope.detail());
    }

    /** An SQS batch from the audience queue: each record one {@link AudienceBatch}; failures are retried alone. */
    private SQSBatchResponse audienceBatches(JsonNode payload) {
        AudienceService batches = audience.orElseThrow(() ->
                new IllegalStateException("this router has no audience queue (LEM_AUDIENCE_QUEUE_URL)"));
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (JsonNode record : payload.get("Records")) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(record.path("messageId").asText());
            message.setBody(record.path("body").asText());
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return SqsBatches.process("router-audience", event, body -> batches.process(readBatch(body)));
    }

    private static AudienceBatch readBatch(String body) {
        try {
            return Json.read(body, AudienceBatch.class);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("audience message is not an AudienceBatch");
        }
    }
}
