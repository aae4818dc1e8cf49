package dev.lem.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One invocation's usage as a CloudWatch embedded-metric-format (EMF) log line, and back. Namespace {@code LEM};
 * dimension sets {@code [function]} and, when the invocation knows its campaign, {@code [function, campaign]}, so
 * the same line feeds the per-function total and the per-campaign series. Metrics: {@code Invocations},
 * {@code BilledMs}, {@code BilledMbMs} (billed ms × memory MB, so GB-seconds add up across function sizes), one
 * per {@link RequestMeters meter} used, {@code Retries} and {@code Throttles} when not zero. Properties (in the log,
 * not metrics): {@code memoryMb} and {@code calls} (requests per {@code Service.Operation}). No PII: only
 * function, campaign (a journey id) and counts.
 */
public final class EmfRecords {

    public static final String NAMESPACE = "LEM";
    public static final String FUNCTION = "function";
    public static final String CAMPAIGN = "campaign";
    public static final String INVOCATIONS = "Invocations";
    public static final String BILLED_MS = "BilledMs";
    public static final String BILLED_MB_MS = "BilledMbMs";
    public static final String RETRIES = "Retries";
    public static final String THROTTLES = "Throttles";

    private EmfRecords() {}

    /**
     * The EMF line (one line of JSON, no newline). Written with Jackson's streaming generator rather than a tree:
     * it runs after every invocation, the pixel's included, where building a tree doubled the in-process time.
     */
    public static String toLine(InvocationUsage usage) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric(INVOCATIONS, "Count", 1));
        metrics.add(new Metric(BILLED_MS, "Milliseconds", usage.billedMs()));
        metrics.add(new Metric(BILLED_MB_MS, "None", usage.billedMs() * usage.memoryMb()));
        new TreeMap<>(usage.meters()).forEach((meter, count) -> metrics.add(new Metric(meter, "Count", count)));
        if (usage.retries() > 0) {
            metrics.add(new Metric(RETRIES, "Count", usage.retries()));
        }
        if (usage.throttles() > 0) {
            metrics.add(new Metric(THROTTLES, "Count", usage.throttles()));
        }
        StringWriter line = new StringWriter(512);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", usage.at().toEpochMilli());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeArray(new String[] {FUNCTION}, 0, 1);
            if (usage.campaign().isPresent()) {
                json.writeArray(new String[] {FUNCTION, CAMPAIGN}, 0, 2);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Metric metric : metrics) {
                json.writeStartObject();
                json.writeStringField("Name", metric.name());
                json.writeStringField("Unit", metric.unit());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(FUNCTION, usage.function());
            if (usage.campaign().isPresent()) {
                json.writeStringField(CAMPAIGN, usage.campaign().get());
            }
            for (Metric metric : metrics) {
                json.writeNumberField(metric.name(), metric.value());
            }
            json.writeNumberField("memoryMb", usage.memoryMb());
            json.writeObjectFieldStart("calls");
            for (Map.Entry<String, Long> call : new TreeMap<>(usage.operations()).entrySet()) {
                json.writeNumberField(call.getKey(), call.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return line.toString();
    }

    private record Metric(String name, String unit, long value) {}

    /**
     * Reads a line written by {@link #toLine}; empty when the line is not an LEM EMF record (other log lines).
     */
    public static Optional<InvocationUsage> fromLine(String line) {
        JsonNode root;
        try {
            root = Json.tree(line);
        } catch (MalformedJsonException e) {
            return Optional.empty();
        }
        JsonNode directive = root.path("_aws").path("CloudWatchMetrics").path(0);
        if (!NAMESPACE.equals(directive.path("Namespace").asText()) || !root.path(FUNCTION).isTextual()) {
            return Optional.empty();
        }
        Map<String, Long> meters = new TreeMap<>();
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            if (RequestMeters.ALL.contains(name)) {
                meters.put(name, root.path(name).asLong());
            }
        }
        Map<String, Long> calls = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("calls").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> call = it.next();
            calls.put(call.getKey(), call.getValue().asLong());
        }
        Optional<String> campaign = root.path(CAMPAIGN).isTextual() ? Optional.of(root.path(CAMPAIGN).asText()) : Optional.empty();
        return Optional.of(new InvocationUsage(root.path(FUNCTION).asText(), campaign,
                Instant.ofEpochMilli(root.path("_aws").path("Timestamp").asLong()), root.path(BILLED_MS).asLong(),
                root.path("memoryMb").asInt(), meters, calls, root.path(RETRIES).asLong(), root.path(THROTTLES).asLong()));
    }
}
