package dev.lem.training.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.lambda.MeteredStreamHandler;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.InvalidEventException;
import dev.lem.events.LeadOutcome;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lambda.JsonPayloads;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbOutcomeTallies;
import dev.lem.store.DynamoDbTrainingRows;
import dev.lem.training.rows.OutcomeRowRecorder;
import dev.lem.training.rows.OutcomeRowsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Target of the bus rule for {@code lead.outcome}: one EventBridge event in, validated against the contract, one
 * training row written ({@link OutcomeRowRecorder}). An event that breaks the contract, or is not an outcome, throws
 * {@link InvalidEventException}: after Lambda's async retries it lands in the function's DLQ with the reason.
 */
public final class OutcomeRowsHandler extends MeteredStreamHandler {

    private static final int MAX_EVENT_BYTES = 256 * 1024;

    private final OutcomeRowRecorder recorder;
    private final EventCodec codec;

    public OutcomeRowsHandler() {
        this(wire(OutcomeRowsConfig.fromEnv(Env.system())));
    }

    public OutcomeRowsHandler(OutcomeRowRecorder recorder) {
        this.recorder = recorder;
        this.codec = EventCodec.create();
    }

    public static OutcomeRowRecorder wire(OutcomeRowsConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        return new OutcomeRowRecorder(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbTrainingRows(dynamo, config.tableName()),
                new DynamoDbOutcomeTallies(dynamo, config.tableName()));
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = JsonPayloads.read(input, MAX_EVENT_BYTES, JsonNode.class, "event", "an EventBridge envelope",
                InvalidEventException::new);
        EventEnvelope envelope;
        try {
            envelope = Json.convert(payload, EventEnvelope.class);
        } catch (MalformedJsonException | IllegalArgumentException e) {
            throw new InvalidEventException("event is not an EventBridge envelope");
        }
        if (envelope == null || envelope.detailType() == null) {
            throw new InvalidEventException("event is not an EventBridge envelope");
        }
        LemEvent event = codec.decode(envelope);
        if (!(event instanceof LeadOutcome outcome)) {
            throw new InvalidEventException("expected lead.outcome, got " + envelope.detailType());
        }
        OutcomeRowRecorder.Result result = recorder.record(outcome);
        output.write(("{\"result\":\"" + result.name().toLowerCase(java.util.Locale.ROOT) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
