package dev.lem.routing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.InvalidEventException;
import dev.lem.lambda.JsonPayloads;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.RouterConfig;
import dev.lem.routing.RoutingService;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.journey.aws.JourneyRuntime;
import java.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Target of the bus rules: one EventBridge event in, validated against the contract, routed. An event
 * that breaks the contract throws {@link InvalidEventException}, so after Lambda's async retries it
 * lands in the function's DLQ with the reason, instead of being dropped silently.
 */
public final class RouterHandler implements RequestStreamHandler {

    private static final int MAX_EVENT_BYTES = 256 * 1024;

    private final RoutingService service;
    private final EventCodec codec;

    public RouterHandler() {
        this(wire(RouterConfig.fromEnv(Env.system())));
    }

    public RouterHandler(RoutingService service) {
        this.service = service;
        this.codec = EventCodec.create();
    }

    public static RoutingService wire(RouterConfig config) {
        JourneyRuntime journeys = JourneyRuntime.create(AwsClients.dynamoDb(config.aws()), config.tableName(),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.notifyQueueUrl()),
                new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), config.scheduleGroup(),
                        config.dripFunctionArn(), config.schedulerRoleArn(), config.schedulerDeadLetterArn()),
                Clock.systemUTC());
        return new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(), journeys.runner(),
                Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventEnvelope envelope = JsonPayloads.read(input, MAX_EVENT_BYTES, EventEnvelope.class, "event",
                "an EventBridge envelope", InvalidEventException::new);
        service.route(codec.decode(envelope), envelope.detail());
    }
}
