package dev.lem.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.lem.aws.AwsClients;
import dev.lem.config.AwsConfig;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.store.TableDefinition;
import dev.lem.store.TableProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local (embedded: no port at all) and ElasticMQ (on 127.0.0.1, a free port), started in this
 * JVM. Tables and queues are made from the same definitions infra deploys ({@link TableDefinition#LEM},
 * {@link QueueDefinition#ALL}); every {@link #createTable()} / {@link #createQueues()} gets fresh, uniquely
 * named resources, so test classes never see each other's data.
 */
public final class AwsEngines implements AutoCloseable {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT_ID = "000000000000";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AmazonDynamoDBLocal dynamoLocal;
    private final DynamoDbClient dynamo;
    private final SQSRestServer sqsServer;
    private final URI sqsEndpoint;
    private final SqsClient sqs;

    private AwsEngines(AmazonDynamoDBLocal dynamoLocal, SQSRestServer sqsServer, URI sqsEndpoint) {
        this.dynamoLocal = dynamoLocal;
        this.dynamo = MeteredDynamoDb.wrap(dynamoLocal.dynamoDbClient());
        this.sqsServer = sqsServer;
        this.sqsEndpoint = sqsEndpoint;
        this.sqs = AwsClients.sqs(AwsConfig.local(REGION, sqsEndpoint));
    }

    /** Starts both engines; DynamoDB Local's start-up telemetry is off and its data in memory. */
    public static AwsEngines start() {
        return start(DynamoDBEmbedded.create(true));
    }

    /**
     * Starts both engines with DynamoDB Local's data in the SQLite file {@code dynamoDbFile} (created when
     * missing), so tables and items outlive this JVM; still embedded, so no port is opened.
     */
    public static AwsEngines start(java.nio.file.Path dynamoDbFile) {
        return start(DynamoDBEmbedded.create(dynamoDbFile.toFile(), true));
    }

    private static AwsEngines start(AmazonDynamoDBLocal dynamoLocal) {
        int port = freeLoopbackPort();
        SQSRestServer server;
        try {
            server = startElasticMq(port);
        } catch (RuntimeException e) {
            dynamoLocal.shutdown();
            throw e;
        }
        return new AwsEngines(dynamoLocal, server, URI.create("http://127.0.0.1:" + port));
    }

    /** ElasticMQ bound to 127.0.0.1 only, with queue URLs that name that address. */
    public static SQSRestServer startElasticMq(int port) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION).withAWSAccountId(ACCOUNT_ID)
                .start();
        server.waitUntilStarted();
        return server;
    }

    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** A new, empty table shaped by {@link TableDefinition#LEM}; returns its name. */
    public String createTable() {
        return createTable("lem-test-" + SEQUENCE.incrementAndGet());
    }

    /** The table shaped by {@link TableDefinition#LEM} under this name (kept if it exists). */
    public String createTable(String name) {
        TableProvisioner.create(dynamo, name, TableDefinition.LEM);
        return name;
    }

    /** New queues for every {@link QueueDefinition}, each with its DLQ and redrive policy. */
    public Map<QueueDefinition, QueueUrls> createQueues() {
        return createQueues("t" + SEQUENCE.incrementAndGet() + "-");
    }

    /** Queues for every {@link QueueDefinition} named {@code prefix + name}, each with its DLQ. */
    public Map<QueueDefinition, QueueUrls> createQueues(String prefix) {
        Map<QueueDefinition, QueueUrls> urls = new LinkedHashMap<>();
        for (QueueDefinition definition : QueueDefinition.ALL) {
            urls.put(definition, QueueProvisioner.create(sqs, prefix, definition));
        }
        return urls;
    }

    @Override
    public void close() {
        sqs.close();
        sqsServer.stopAndWait();
        dynamo.close();
        dynamoLocal.shutdown();
    }
}
