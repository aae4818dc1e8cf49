package dev.lem.queue.aws;

import dev.lem.queue.MessageQueue;
import dev.lem.queue.QueueUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One SQS queue by URL. */
public final class SqsMessageQueue implements MessageQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String body) {
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            throw new QueueUnavailableException("SendMessage failed", e);
        }
    }
}
