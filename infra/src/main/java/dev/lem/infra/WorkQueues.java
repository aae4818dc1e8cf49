package dev.lem.infra;

import dev.lem.queue.QueueDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One SQS queue and its dead-letter queue per {@link QueueDefinition} in {@link QueueDefinition#ALL}:
 * timeouts, retention and receive count come from the definition; SQS-managed encryption; TLS only.
 */
public final class WorkQueues extends Construct {

    private final Map<QueueDefinition, Queue> queues = new LinkedHashMap<>();
    private final Map<QueueDefinition, Queue> deadLetterQueues = new LinkedHashMap<>();

    public WorkQueues(Construct scope, String id, List<QueueDefinition> definitions) {
        super(scope, id);
        for (QueueDefinition definition : definitions) {
            Queue dlq = Queue.Builder.create(this, Ids.pascal(definition.deadLetterName()))
                    .retentionPeriod(seconds(QueueDefinition.DLQ_RETENTION))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            Queue queue = Queue.Builder.create(this, Ids.pascal(definition.name()))
                    .visibilityTimeout(seconds(definition.visibilityTimeout()))
                    .retentionPeriod(seconds(definition.retention()))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .deadLetterQueue(DeadLetterQueue.builder()
                            .queue(dlq)
                            .maxReceiveCount(definition.maxReceiveCount())
                            .build())
                    .build();
            queues.put(definition, queue);
            deadLetterQueues.put(definition, dlq);
        }
    }

    public Queue queue(QueueDefinition definition) {
        return require(queues, definition);
    }

    public Queue deadLetterQueue(QueueDefinition definition) {
        return require(deadLetterQueues, definition);
    }

    /** A queue for failures of something other than a work queue (a rule target, async invocations). */
    static Queue failureQueue(Construct scope, String id) {
        return Queue.Builder.create(scope, id)
                .retentionPeriod(seconds(QueueDefinition.DLQ_RETENTION))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
    }

    static Duration seconds(java.time.Duration duration) {
        return Duration.seconds(duration.toSeconds());
    }

    private static Queue require(Map<QueueDefinition, Queue> map, QueueDefinition definition) {
        Queue queue = map.get(definition);
        if (queue == null) {
            throw new IllegalArgumentException("No queue for definition '" + definition.name() + "'");
        }
        return queue;
    }
}
