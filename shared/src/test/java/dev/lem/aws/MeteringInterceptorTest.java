package dev.lem.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lem.config.AwsConfig;
import dev.lem.cost.Metering;
import dev.lem.cost.UsageMeter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The interceptor on clients as {@link AwsClients} builds them, against a tiny HTTP server on 127.0.0.1. */
class MeteringInterceptorTest {

    private HttpServer server;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private AwsConfig config;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"slow down\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException");
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(400, body.length);
            } else {
                body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        config = AwsConfig.local("us-east-1", URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void requests_whenInsideAnInvocation_areCountedPerMeterAndOperation() {
        UsageMeter meter = new UsageMeter();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(config); Metering.Scope scope = Metering.open(meter)) {
            dynamo.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));
            dynamo.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("b"))));
            dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
        }

        assertThat(meter.meters()).containsOnly(Map.entry("dynamodb.read", 2L), Map.entry("dynamodb.write", 1L));
        assertThat(meter.operations()).containsOnly(Map.entry("DynamoDb.GetItem", 2L), Map.entry("DynamoDb.PutItem", 1L));
        assertThat(meter.retries()).isZero();
        assertThat(meter.throttles()).isZero();
    }

    @Test
    void requests_whenOutsideAnInvocation_areNotCounted() {
        UsageMeter meter = new UsageMeter();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(config)) {
            dynamo.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));
        }

        assertThat(meter.meters()).isEmpty();
    }

    @Test
    void request_whenThrottledThenServed_isOneRequestWithOneRetryAndOneThrottle() {
        throttleNext.set(1);
        UsageMeter meter = new UsageMeter();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(config); Metering.Scope scope = Metering.open(meter)) {
            dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
        }

        assertThat(meter.meters()).containsOnly(Map.entry("dynamodb.write", 1L));
        assertThat(meter.retries()).isEqualTo(1);
        assertThat(meter.throttles()).isEqualTo(1);
    }

    @Test
    void putEvents_whenThreeEntries_billsThreeEvents() {
        UsageMeter meter = new UsageMeter();
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("lem").detailType("t").detail("{}").build();
        try (EventBridgeClient bus = AwsClients.eventBridge(config); Metering.Scope scope = Metering.open(meter)) {
            bus.putEvents(r -> r.entries(entry, entry, entry));
        }

        assertThat(meter.meters()).containsOnly(Map.entry("eventbridge", 3L));
        assertThat(meter.operations()).containsOnly(Map.entry("EventBridge.PutEvents", 1L));
    }
}
