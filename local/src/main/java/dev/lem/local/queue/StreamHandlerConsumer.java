package dev.lem.local.queue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS event source for a stream handler (the router consumes its audience queue): the batch goes in as the JSON
 * Lambda sends ({@code {"Records": [...]}}), the handler's partial batch response comes back.
 */
public final class StreamHandlerConsumer implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final RequestStreamHandler handler;

    public StreamHandlerConsumer(RequestStreamHandler handler) {
        this.handler = handler;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        ObjectNode payload = Json.mapper().createObjectNode();
        ArrayNode records = payload.putArray("Records");
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            records.addObject().put("messageId", message.getMessageId()).put("body", message.getBody())
                    .put("eventSource", "aws:sqs");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        JsonNode response = Json.tree(out.toString(StandardCharsets.UTF_8));
        response.path("batchItemFailures").forEach(f -> failures.add(
                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(f.get("itemIdentifier").asText()).build()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
