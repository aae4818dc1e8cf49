package dev.lem.drip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.cost.Metering;
import dev.lem.drip.DripConfig;
import dev.lem.drip.DripService;
import dev.lem.journey.DripStep;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.lambda.JsonPayloads;
import dev.lem.lambda.MeteredStreamHandler;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Target of the Scheduler's one-shot timers: the schedule's input is a {@link DripStep}. A payload that
 * does not parse throws, so Scheduler's retries end in its DLQ with the reason.
 */
public final class DripHandler extends MeteredStreamHandler {

    private static final int MAX_PAYLOAD_BYTES = 8 * 1024;
    /** The alias ARN this function was invoked through: the target of the timers it sets. */
    private static final AtomicReference<String> INVOKED_ARN = new AtomicReference<>();

    private final DripService service;

    public DripHandler() {
        this(wire(DripConfig.fromEnv(Env.system())));
    }

    public DripHandler(DripService service) {
        this.service = service;
    }

    public static DripService wire(DripConfig config) {
        Clock clock = Clock.systemUTC();
        JourneyRuntime journeys = JourneyRuntime.create(AwsClients.dynamoDb(config.aws()), config.tableName(),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.notifyQueueUrl()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()),
                new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), config.scheduleGroup(), DripHandler::invokedArn,
                        config.schedulerRoleArn(), config.schedulerDeadLetterArn()), clock);
        return new DripService(journeys.catalog(), journeys.enrolments(), journeys.leads(), journeys.runner(), clock);
    }

    private static String invokedArn() {
        String arn = INVOKED_ARN.get();
        if (arn == null) {
            throw new IllegalStateException("drip schedules only while handling a timer");
        }
        return arn;
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null && context.getInvokedFunctionArn() != null) {
            INVOKED_ARN.set(context.getInvokedFunctionArn());
        }
        DripStep step = JsonPayloads.read(input, MAX_PAYLOAD_BYTES, DripStep.class, "drip payload", "a DripStep",
                IllegalArgumentException::new);
        Metering.campaign(step.campaignId());
        service.run(step);
    }
}
