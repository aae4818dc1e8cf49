package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.queue.aws.SqsMessageQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(AwsEnginesExtension.class)
class QueueProvisionerIT {

    static final List<QueueDefinition> DEFINITIONS = QueueDefinition.ALL;

    private final AwsEngines engines;
    private final SqsClient sqs;

    QueueProvisionerIT(AwsEngines engines) {
        this.engines = engines;
        this.sqs = engines.sqs();
    }

    private static String prefix() {
        return "qp" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    /**
     * Receives until a message arrives or {@code waitSeconds} pass. Each long poll lasts at most 2 s: the
     * clients' attempt timeout (3 s, {@code AwsClients}) would cut a longer poll short.
     */
    private List<Message> receive(String url, int waitSeconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        while (true) {
            int poll = (int) Math.max(1, Math.min(2, Duration.ofNanos(deadline - System.nanoTime()).toSeconds()));
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(poll)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (!messages.isEmpty() || System.nanoTime() >= deadline) {
                return messages;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("DEFINITIONS")
    void create_whenDefinitionGiven_setsRedrivePolicyToItsDlqAndMaxReceiveCount(QueueDefinition definition) {
        String prefix = prefix();
        QueueUrls urls = QueueProvisioner.create(sqs, prefix, definition);

        Map<QueueAttributeName, String> queue = attributes(urls.url());
        Map<QueueAttributeName, String> dlq = attributes(urls.deadLetterUrl());
        JsonNode redrive = Json.tree(queue.get(QueueAttributeName.REDRIVE_POLICY));

        assertThat(urls.url()).endsWith("/" + prefix + definition.name());
        assertThat(urls.deadLetterUrl()).endsWith("/" + prefix + definition.name() + "-dlq");
        assertThat(dlq.get(QueueAttributeName.QUEUE_ARN)).endsWith(":" + prefix + definition.deadLetterName());
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(dlq.get(QueueAttributeName.QUEUE_ARN));
        assertThat(redrive.path("maxReceiveCount").asText()).isEqualTo(Integer.toString(definition.maxReceiveCount()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("DEFINITIONS")
    void create_whenDefinitionGiven_setsVisibilityTimeoutFromIt(QueueDefinition definition) {
        QueueUrls urls = QueueProvisioner.create(sqs, prefix(), definition);

        Map<QueueAttributeName, String> queue = attributes(urls.url());
        Map<QueueAttributeName, String> dlq = attributes(urls.deadLetterUrl());

        // ElasticMQ 1.7 accepts but does not report MessageRetentionPeriod, so retention is not asserted here
        assertThat(queue.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo(Long.toString(definition.visibilityTimeout().toSeconds()));
        assertThat(dlq).doesNotContainKey(QueueAttributeName.REDRIVE_POLICY);
    }

    @Test
    void create_whenMessageReceivedMaxReceiveCountTimesWithoutDelete_movesItToTheDlq() {
        QueueDefinition redrive = new QueueDefinition("redrive", Duration.ofSeconds(1), 2, Duration.ofDays(1), 10);
        QueueUrls urls = QueueProvisioner.create(sqs, prefix(), redrive);
        new SqsMessageQueue(sqs, urls.url()).send("{\"poison\":true}");

        for (int delivery = 1; delivery <= redrive.maxReceiveCount(); delivery++) {
            List<Message> received = receive(urls.url(), 5);
            assertThat(received).as("delivery %d", delivery).hasSize(1);
            assertThat(received.getFirst().body()).isEqualTo("{\"poison\":true}");
            assertThat(received.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo(Integer.toString(delivery));
        }

        assertThat(receive(urls.url(), 3)).as("no third delivery from the work queue").isEmpty();
        List<Message> dead = receive(urls.deadLetterUrl(), 5);
        assertThat(dead).extracting(Message::body).containsExactly("{\"poison\":true}");
    }

    @Test
    void create_whenMessageDeletedAfterFirstDelivery_neverReachesTheDlq() {
        QueueDefinition redrive = new QueueDefinition("deleted", Duration.ofSeconds(1), 1, Duration.ofDays(1), 10);
        QueueUrls urls = QueueProvisioner.create(sqs, prefix(), redrive);
        new SqsMessageQueue(sqs, urls.url()).send("ok");

        Message message = receive(urls.url(), 5).getFirst();
        sqs.deleteMessage(r -> r.queueUrl(urls.url()).receiptHandle(message.receiptHandle()));

        assertThat(receive(urls.url(), 2)).isEmpty();
        assertThat(receive(urls.deadLetterUrl(), 1)).isEmpty();
    }

    @Test
    void createQueues_whenCalled_provisionsEveryDefinitionWithFreshUrls() {
        Map<QueueDefinition, QueueUrls> first = engines.createQueues();
        Map<QueueDefinition, QueueUrls> second = engines.createQueues();

        assertThat(first).containsOnlyKeys(QueueDefinition.ALL);
        assertThat(second.get(QueueDefinition.ACTIVITY).url()).isNotEqualTo(first.get(QueueDefinition.ACTIVITY).url());
        assertThat(attributes(first.get(QueueDefinition.NOTIFY).url())).containsKey(QueueAttributeName.REDRIVE_POLICY);
    }
}
