package dev.lem.local.queue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.config.FunctionName;
import dev.lem.local.LocalLambdaContext;
import dev.lem.queue.QueueDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping on one machine: one thread long-polls a queue (1 s), collects up to
 * the queue's batch size, invokes the real handler with an {@code SQSEvent}, and deletes exactly the
 * records not reported in {@code batchItemFailures} (ReportBatchItemFailures). Failed records become
 * visible again after the visibility timeout; after maxReceiveCount the engine moves them to the DLQ.
 */
public final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    private static final int MAX_PER_RECEIVE = 10;
    private static final int LONG_POLL_SECONDS = 1;
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final SqsClient sqs;
    private final QueueDefinition definition;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final FunctionName function;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Thread thread;
    private volatile boolean running = true;

    public SqsPoller(SqsClient sqs, QueueDefinition definition, String queueUrl, String queueArn, String region,
                     FunctionName function, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.definition = definition;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.function = function;
        this.handler = handler;
        this.thread = new Thread(this::run, "lem-poller-" + definition.name());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (SdkException e) {
                if (running) {
                    LOG.warn("poll failed queue={} error={}", definition.name(), e.getClass().getSimpleName());
                    pause();
                }
            } catch (RuntimeException e) {
                LOG.error("poller failed queue={} error={}", definition.name(), e.getClass().getSimpleName());
                pause();
            }
        }
    }

    /** Receives one batch, if any, hands it to the handler, deletes what succeeded; returns its size. */
    public int pollOnce() {
        List<Message> batch = receiveBatch();
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> failed = invoke(batch);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : batch) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        for (int from = 0; from < done.size(); from += MAX_PER_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + MAX_PER_RECEIVE));
            var response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk));
            if (!response.failed().isEmpty()) {
                LOG.warn("delete failed queue={} count={}", definition.name(), response.failed().size());
            }
        }
        if (!failed.isEmpty()) {
            LOG.info("batch partly failed queue={} records={} failed={}", definition.name(), batch.size(), failed.size());
        }
        return batch.size();
    }

    /** Long-polls once, then keeps receiving without waiting while full receives fill the batch. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        int wait = LONG_POLL_SECONDS;
        while (running && batch.size() < definition.batchSize()) {
            int want = Math.min(MAX_PER_RECEIVE, definition.batchSize() - batch.size());
            int waitSeconds = wait;
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.SENT_TIMESTAMP,
                            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)).messages();
            batch.addAll(received);
            if (received.size() < want) {
                break;
            }
            wait = 0;
        }
        return batch;
    }

    /** The ids of failed records; all of them when the handler threw or answered with an unknown id. */
    private Set<String> invoke(List<Message> batch) {
        Set<String> all = new HashSet<>(batch.stream().map(Message::messageId).toList());
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event(batch), LocalLambdaContext.invoke(function));
        } catch (RuntimeException e) {
            LOG.warn("batch failed queue={} records={} error={}", definition.name(), batch.size(), e.getClass().getSimpleName());
            return all;
        }
        if (response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || !all.contains(id)) {
                LOG.warn("batch response names an unknown record, whole batch fails queue={}", definition.name());
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    SQSEvent event(List<Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(m -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(region);
            record.setAttributes(Map.copyOf(m.attributesAsStrings()));
            return record;
        }).toList());
        return event;
    }

    private void pause() {
        try {
            Thread.sleep(BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the current poll (at most about a second) and the batch in hand. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
