package dev.lem.local;

import dev.lem.queue.QueueDefinition;
import dev.lem.store.TableDefinition;
import dev.lem.testing.AwsEngines;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS engines of {@code lem up}, in this JVM: ElasticMQ (SQS) on 127.0.0.1 and DynamoDB Local,
 * provisioned from the same definitions infra deploys ({@link TableDefinition#LEM},
 * {@link QueueDefinition#ALL}).
 *
 * <p>DynamoDB Local runs <em>embedded</em> (no port at all): its server mode (2.6.1's
 * {@code DynamoDBProxyServer}, {@code new Server(port)} in Jetty) listens on every interface and has no
 * option to bind an address, which would expose the lead table to the network. Embedded mode takes a
 * database file ({@code DynamoDBEmbedded.create(File, …)}, SQLite), so the table outlives the run.
 * ElasticMQ's queues are in memory: a message still queued when the run stops is lost (the pollers
 * take messages within a second, so this is rarely anything).
 */
public final class LocalEngines implements AutoCloseable {

    public static final String REGION = AwsEngines.REGION;
    public static final String TABLE_NAME = "lem";
    public static final String QUEUE_PREFIX = "lem-";
    public static final String DYNAMODB_MODE = "embedded";

    /** A work queue as provisioned: its URL and ARN, and its DLQ's URL. */
    public record ProvisionedQueue(QueueDefinition definition, String url, String arn, String deadLetterUrl) {}

    private final AwsEngines engines;
    private final Map<QueueDefinition, ProvisionedQueue> queues = new LinkedHashMap<>();

    private LocalEngines(AwsEngines engines) {
        this.engines = engines;
    }

    /** Starts both engines, the table in memory, and creates the table and every queue with its DLQ. */
    public static LocalEngines start() {
        return provisioned(new LocalEngines(AwsEngines.start()));
    }

    /** Starts both engines with the table in {@code dynamoDbFile} (kept when it exists), and every queue. */
    public static LocalEngines start(java.nio.file.Path dynamoDbFile) {
        return provisioned(new LocalEngines(AwsEngines.start(dynamoDbFile)));
    }

    private static LocalEngines provisioned(LocalEngines local) {
        try {
            local.provision();
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
        return local;
    }

    private void provision() {
        engines.createTable(TABLE_NAME);
        engines.createQueues(QUEUE_PREFIX).forEach((definition, urls) -> {
            String arn = sqs().getQueueAttributes(r -> r.queueUrl(urls.url()).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            queues.put(definition, new ProvisionedQueue(definition, urls.url(), arn, urls.deadLetterUrl()));
        });
    }

    public DynamoDbClient dynamoDb() {
        return engines.dynamoDb();
    }

    public SqsClient sqs() {
        return engines.sqs();
    }

    public String tableName() {
        return TABLE_NAME;
    }

    public int sqsPort() {
        return engines.sqsEndpoint().getPort();
    }

    /** Empty: DynamoDB Local is embedded and opens no port. */
    public OptionalInt dynamoDbPort() {
        return OptionalInt.empty();
    }

    public ProvisionedQueue queue(QueueDefinition definition) {
        return queues.get(definition);
    }

    public Map<QueueDefinition, ProvisionedQueue> queues() {
        return Map.copyOf(queues);
    }

    @Override
    public void close() {
        engines.close();
    }
}
