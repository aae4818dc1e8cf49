package dev.lem.batch;

import dev.lem.json.MalformedJsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes a queue batch record by record and reports the ids of the records that failed, for SQS's
 * partial batch response: successes are deleted, failures come back later and, after maxReceiveCount,
 * land in the DLQ. (Powertools' batch module does this; its v2 is not available here.)
 */
public final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    /** A record: its id (SQS messageId) and body. */
    public record Item(String id, String body) {}

    private BatchProcessor() {}

    /** @return ids of records whose processing threw */
    public static List<String> process(String consumer, List<Item> items, Consumer<String> handler) {
        List<String> failed = new ArrayList<>();
        for (Item item : items) {
            try {
                handler.accept(item.body());
            } catch (RuntimeException e) {
                failed.add(item.id());
                LOG.warn("record failed consumer={} recordId={} error={} retryable={} reason={}", consumer, item.id(),
                        e.getClass().getSimpleName(), !(e instanceof MalformedJsonException
                                || e instanceof IllegalArgumentException), safeReason(e));
            }
        }
        return failed;
    }

    /** Exception messages in LEM never carry PII; JSON parser messages may quote input, so drop those. */
    private static String safeReason(RuntimeException e) {
        return e instanceof MalformedJsonException ? "malformed JSON" : e.getMessage();
    }
}
