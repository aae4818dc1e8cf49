package dev.lem.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.lem.aws.AwsClients;
import dev.lem.config.AwsConfig;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner;
import dev.lem.store.TableDefinition;
import dev.lem.store.TableProvisioner;
import dev.lem.testing.AwsEngines;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.elasticmq.rest.sqs.SQSRestServer;
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
 * option to bind an address, which would expose the lead table to the network. Data is in memory.
 */
public final class LocalEngines implements AutoCloseable {

    public static final String REGION = AwsEngines.REGION;
    public static final String TABLE_NAME = "lem";
    public static final String QUEUE_PREFIX = "lem-";
    public static final String DYNAMODB_MODE = "embedded";

    /** A work queue as provisioned: its URL and ARN, and its DLQ's URL. */
    public record ProvisionedQueue(QueueDefinition definition, String url, String arn, String deadLetterUrl) {}

    private final AmazonDynamoDBLocal dynamoLocal;
    private final DynamoDbClient dynamo;
    private final SQSRestServer sqsServer;
    private final int sqsPort;
    private final SqsClient sqs;
    private final Map<QueueDefinition, ProvisionedQueue> queues = new LinkedHashMap<>();

    private LocalEngines(AmazonDynamoDBLocal dynamoLocal, SQSRestServer sqsServer, int sqsPort) {
        this.dynamoLocal = dynamoLocal;
        this.dynamo = dynamoLocal.dynamoDbClient();
        this.sqsServer = sqsServer;
        this.sqsPort = sqsPort;
        this.sqs = AwsClients.sqs(AwsConfig.local(REGION, URI.create("http://127.0.0.1:" + sqsPort)));
    }

    /** Starts both engines and creates the table and every queue with its DLQ. */
    public static LocalEngines start() {
        // true: DynamoDB Local's start-up telemetry off; no file: in memory
        AmazonDynamoDBLocal dynamoLocal = DynamoDBEmbedded.create(true);
        int port = AwsEngines.freeLoopbackPort();
        SQSRestServer sqsServer;
        try {
            sqsServer = AwsEngines.startElasticMq(port);
        } catch (RuntimeException e) {
            dynamoLocal.shutdown();
            throw e;
        }
        LocalEngines engines = new LocalEngines(dynamoLocal, sqsServer, port);
        try {
            engines.provision();
        } catch (RuntimeException e) {
            engines.close();
            throw e;
        }
        return engines;
    }

    private void provision() {
        TableProvisioner.create(dynamo, TABLE_NAME, TableDefinition.LEM);
        for (QueueDefinition definition : QueueDefinition.ALL) {
            QueueProvisioner.QueueUrls urls = QueueProvisioner.create(sqs, QUEUE_PREFIX, definition);
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(urls.url()).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            queues.put(definition, new ProvisionedQueue(definition, urls.url(), arn, urls.deadLetterUrl()));
        }
    }

    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String tableName() {
        return TABLE_NAME;
    }

    public int sqsPort() {
        return sqsPort;
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
        sqs.close();
        sqsServer.stopAndWait();
        dynamo.close();
        dynamoLocal.shutdown();
    }
}
