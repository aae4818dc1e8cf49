package dev.lem.queue.aws;

import dev.lem.queue.QueueDefinition;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates a work queue and its DLQ from a {@link QueueDefinition} on an engine (ElasticMQ, an emulator).
 * In AWS, infra creates them from the same definition.
 */
public final class QueueProvisioner {
    private QueueProvisioner() {}

    /** The URLs of a provisioned work queue and its dead-letter queue. */
    public record QueueUrls(String url, String deadLetterUrl) {}

    public static QueueUrls create(SqsClient sqs, String namePrefix, QueueDefinition definition) {
        String dlqUrl = sqs.createQueue(r -> r.queueName(namePrefix + definition.deadLetterName())
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        Long.toString(QueueDefinition.DLQ_RETENTION.toSeconds())))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(r -> r.queueName(namePrefix + definition.name()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(definition.visibilityTimeout().toSeconds()),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(definition.retention().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + definition.maxReceiveCount() + "\"}"))).queueUrl();
        return new QueueUrls(url, dlqUrl);
    }
}
