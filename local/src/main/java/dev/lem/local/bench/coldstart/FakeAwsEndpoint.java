package dev.lem.local.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lem.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP endpoint on 127.0.0.1 that answers every AWS call a function's first invocation makes with the smallest
 * valid success: DynamoDB finds nothing and accepts every write, SQS accepts messages (with the MD5 the SDK checks),
 * EventBridge accepts every entry, anything else gets {@code {}}. The cold-start children point
 * {@code LEM_AWS_ENDPOINT} here, so they build and use their real SDK clients (marshalling, signing, HTTP) without an
 * AWS account and without engines' start-up in the measurement.
 */
public final class FakeAwsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong calls = new AtomicLong();

    private FakeAwsEndpoint(HttpServer server) {
        this.server = server;
    }

    public static FakeAwsEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeAwsEndpoint endpoint = new FakeAwsEndpoint(server);
            server.createContext("/", endpoint::answer);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake AWS endpoint", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** AWS calls answered so far. */
    public long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            calls.incrementAndGet();
            byte[] request = in.readAllBytes();
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            String body = target.isEmpty() ? "{}" : reply(target, request);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", target.startsWith("DynamoDB")
                    ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    static String reply(String target, byte[] request) {
        String operation = target.substring(target.indexOf('.') + 1);
        JsonNode in = request.length == 0 ? Json.mapper().createObjectNode() : Json.tree(new String(request, StandardCharsets.UTF_8));
        ObjectNode out = Json.mapper().createObjectNode();
        switch (operation) {
            case "Query", "Scan" -> out.putArray("Items");
            case "BatchGetItem" -> {
                out.putObject("Responses");
                out.putObject("UnprocessedKeys");
            }
            case "BatchWriteItem" -> out.putObject("UnprocessedItems");
            case "TransactGetItems" -> {
                ArrayNode responses = out.putArray("Responses");
                in.path("TransactItems").forEach(item -> responses.addObject());
            }
            case "SendMessage" -> {
                out.put("MessageId", UUID.randomUUID().toString());
                out.put("MD5OfMessageBody", md5(in.path("MessageBody").asText()));
            }
            case "SendMessageBatch" -> {
                ArrayNode successful = out.putArray("Successful");
                out.putArray("Failed");
                in.path("Entries").forEach(entry -> successful.addObject().put("Id", entry.path("Id").asText())
                        .put("MessageId", UUID.randomUUID().toString())
                        .put("MD5OfMessageBody", md5(entry.path("MessageBody").asText())));
            }
            case "PutEvents" -> {
                out.put("FailedEntryCount", 0);
                ArrayNode entries = out.putArray("Entries");
                in.path("Entries").forEach(entry -> entries.addObject().put("EventId", UUID.randomUUID().toString()));
            }
            default -> { }
        }
        if (operation.equals("Query") || operation.equals("Scan")) {
            out.put("Count", 0).put("ScannedCount", 0);
        }
        return Json.write(out);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
