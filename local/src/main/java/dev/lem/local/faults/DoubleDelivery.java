package dev.lem.local.faults;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.config.FunctionName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source over an ElasticMQ queue, delivering every message twice: the batch as received, then a
 * second copy of each message in a later batch, shuffled among newer ones (SQS's at-least-once: the copy of a message
 * on another server). Records the function failed (thrown, or in the partial batch response) become visible again at
 * once and are redelivered; after the queue's {@code maxReceiveCount} ElasticMQ moves them to the DLQ.
 */
final class DoubleDelivery {

    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final FunctionName function;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final FlakyHandlers flaky;
    private final Faults faults;
    private final List<SQSEvent.SQSMessage> copies = new ArrayList<>();

    DoubleDelivery(SqsClient sqs, String queueUrl, FunctionName function, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                   FlakyHandlers flaky, Faults faults) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.handler = handler;
        this.flaky = flaky;
        this.faults = faults;
    }

    /** One poll: a batch from the queue, or else the duplicate copies waiting. Returns how many records were handed over. */
    int poll() {
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        if (!received.isEmpty()) {
            deliverReceived(received);
            return received.size();
        }
        if (copies.isEmpty()) {
            return 0;
        }
        List<SQSEvent.SQSMessage> batch = new ArrayList<>(faults.shuffled(copies).subList(0, Math.min(BATCH, copies.size())));
        copies.removeAll(batch);
        faults.counts().add("duplicate deliveries (" + function.name() + ")", batch.size());
        Set<String> failed = invoke(batch);
        // a failed duplicate copy is redelivered like any message
        batch.stream().filter(m -> failed.contains(m.getMessageId())).forEach(copies::add);
        return batch.size();
    }

    boolean hasCopies() {
        return !copies.isEmpty();
    }

    private void deliverReceived(List<Message> received) {
        List<SQSEvent.SQSMessage> batch = received.stream().map(DoubleDelivery::record).toList();
        received.stream().filter(m -> Integer.parseInt(m.attributes()
                        .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")) > 1)
                .forEach(m -> faults.counts().add("redeliveries (" + function.name() + ")"));
        Set<String> failed = invoke(batch);
        for (Message message : received) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            } else {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                copies.add(record(message));
            }
        }
    }

    /** Invokes the function; the ids it failed (all of them when it threw). */
    private Set<String> invoke(List<SQSEvent.SQSMessage> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = flaky.sqs(function, handler, event);
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        } catch (RuntimeException e) {
            batch.forEach(m -> failed.add(m.getMessageId()));
        }
        faults.counts().add("records failed, to be retried (" + function.name() + ")", failed.size());
        return failed;
    }

    private static SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setBody(message.body());
        record.setEventSource("aws:sqs");
        record.setAttributes(java.util.Map.of("ApproximateReceiveCount",
                message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));
        return record;
    }
}
