package dev.lem.local.queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A look into the DLQs without taking anything out: the approximate count, and up to
 * {@value #SAMPLE} messages received with a zero visibility timeout (they stay where they are).
 */
public final class DeadLetterQueues {

    static final int SAMPLE = 30;

    /** A dead-letter queue by name and URL. */
    public record Queue(String name, String url) {}

    /** What one DLQ holds now. Bodies carry ids, never PII (queues name leads, not addresses). */
    public record Contents(long approximateCount, List<Map<String, String>> messages) {}

    private final SqsClient sqs;
    private final List<Queue> queues;

    public DeadLetterQueues(SqsClient sqs, List<Queue> queues) {
        this.sqs = sqs;
        this.queues = List.copyOf(queues);
    }

    public Map<String, Contents> peek() {
        Map<String, Contents> contents = new LinkedHashMap<>();
        for (Queue queue : queues) {
            contents.put(queue.name(), peek(queue));
        }
        return contents;
    }

    private Contents peek(Queue queue) {
        long count = Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        Map<String, Map<String, String>> seen = new LinkedHashMap<>();
        for (int receive = 0; receive < 3 && count > 0 && seen.size() < Math.min(count, SAMPLE); receive++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
            for (Message message : messages) {
                if (seen.size() < SAMPLE) {
                    Map<String, String> item = new LinkedHashMap<>();
                    item.put("messageId", message.messageId());
                    item.put("body", message.body());
                    item.put("sentTimestamp", message.attributesAsStrings().getOrDefault("SentTimestamp", ""));
                    seen.putIfAbsent(message.messageId(), item);
                }
            }
        }
        return new Contents(count, List.copyOf(seen.values()));
    }
}
