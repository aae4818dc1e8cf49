package dev.lem.drip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.drip.DripConfig;
import dev.lem.drip.DripService;
import dev.lem.journey.DripStep;
import dev.lem.lambda.JsonPayloads;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.store.DynamoDbLeadStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Target of the Scheduler's one-shot timers: the schedule's input is a {@link DripStep}. A payload that
 * does not parse throws, so Scheduler's retries end in its DLQ with the reason.
 */
public final class DripHandler implements RequestStreamHandler {

    private static final int MAX_PAYLOAD_BYTES = 8 * 1024;

    private final DripService service;

    public DripHandler() {
        this(wire(DripConfig.fromEnv(Env.system())));
    }

    public DripHandler(DripService service) {
        this.service = service;
    }

    public static DripService wire(DripConfig config) {
        return new DripService(new DynamoDbLeadStore(AwsClients.dynamoDb(config.aws()), config.tableName()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.notifyQueueUrl()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DripStep step = JsonPayloads.read(input, MAX_PAYLOAD_BYTES, DripStep.class, "drip payload", "a DripStep",
                IllegalArgumentException::new);
        service.run(step);
    }
}
