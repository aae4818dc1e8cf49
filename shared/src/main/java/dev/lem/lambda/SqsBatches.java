package dev.lem.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.batch.BatchProcessor;
import java.util.List;
import java.util.function.Consumer;

/** SQS event source → {@link BatchProcessor} → partial batch response (ReportBatchItemFailures). */
public final class SqsBatches {
    private SqsBatches() {}

    public static SQSBatchResponse process(String consumer, SQSEvent event, Consumer<String> handler) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<String> failed = BatchProcessor.process(consumer,
                records.stream().map(m -> new BatchProcessor.Item(m.getMessageId(), m.getBody())).toList(), handler);
        return SQSBatchResponse.builder().withBatchItemFailures(
                failed.stream().map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                        .toList()).build();
    }
}
