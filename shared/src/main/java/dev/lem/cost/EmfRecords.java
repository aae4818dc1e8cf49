package dev.lem.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.time.Instant;
import java.util.Iterator;
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

    /** The EMF line (one line of JSON, no newline). */
    public static String toLine(InvocationUsage usage) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", usage.at().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add(FUNCTION);
        usage.campaign().ifPresent(c -> dimensions.addArray().add(FUNCTION).add(CAMPAIGN));
        ArrayNode metrics = directive.putArray("Metrics");
        root.put(FUNCTION, usage.function());
        usage.campaign().ifPresent(c -> root.put(CAMPAIGN, c));
        metric(root, metrics, INVOCATIONS, "Count", 1);
        metric(root, metrics, BILLED_MS, "Milliseconds", usage.billedMs());
        metric(root, metrics, BILLED_MB_MS, "None", usage.billedMs() * usage.memoryMb());
        new TreeMap<>(usage.meters()).forEach((meter, count) -> metric(root, metrics, meter, "Count", count));
        if (usage.retries() > 0) {
            metric(root, metrics, RETRIES, "Count", usage.retries());
        }
        if (usage.throttles() > 0) {
            metric(root, metrics, THROTTLES, "Count", usage.throttles());
        }
        root.put("memoryMb", usage.memoryMb());
        ObjectNode calls = root.putObject("calls");
        new TreeMap<>(usage.operations()).forEach(calls::put);
        return Json.write(root);
    }

    private static void metric(ObjectNode root, ArrayNode metrics, String name, String unit, long value) {
        metrics.addObject().put("Name", name).put("Unit", unit);
        root.put(name, value);
    }

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
