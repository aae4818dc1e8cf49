package dev.lem.local.admin;

import dev.lem.lead.LeadId;
import dev.lem.store.Keys;
import dev.lem.store.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * What the admin pages read from the single table, as plain values: the leads (a scan: {@code lem up} holds
 * a demo's worth of data, never production's), and everything stored under one lead's partition.
 */
public final class LeadRecords {

    /** A row of the lead list. */
    public record LeadRow(String id, String email, String name, String company, String state, int score,
                          Instant createdAt, Instant updatedAt) {}

    /** An activity of the timeline. */
    public record ActivityRow(Instant occurredAt, String type, Map<String, String> attributes) {}

    /** Everything under a lead's partition, sorted out. */
    public record LeadFile(LeadRow lead, Instant stateEnteredAt, Map<String, String> profile, Map<String, String> consents,
                           List<ActivityRow> activity, Map<String, String> enrolments, Map<String, String> otherRecords) {}

    static final int MAX_LEADS = 500;

    private final DynamoDbClient dynamo;
    private final String table;

    public LeadRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Leads, most recently updated first (at most {@value #MAX_LEADS}). */
    public List<LeadRow> leads() {
        List<LeadRow> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table)
                    .filterExpression("#sk = :lead").expressionAttributeNames(Map.of("#sk", TableDefinition.SK))
                    .expressionAttributeValues(Map.of(":lead", AttributeValue.fromS(Keys.LEAD_SK)));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            var page = dynamo.scan(scan.build());
            page.items().forEach(item -> rows.add(row(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && rows.size() < MAX_LEADS);
        return rows.stream().sorted(Comparator.comparing(LeadRow::updatedAt).reversed()).limit(MAX_LEADS).toList();
    }

    /** The lead and its records, or empty when there is no such lead. */
    public Optional<LeadFile> lead(LeadId id) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableDefinition.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.lead(id))));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            var page = dynamo.query(query.build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        Optional<Map<String, AttributeValue>> leadItem = items.stream()
                .filter(i -> Keys.LEAD_SK.equals(text(i.get(TableDefinition.SK)))).findFirst();
        if (leadItem.isEmpty()) {
            return Optional.empty();
        }
        List<ActivityRow> activity = new ArrayList<>();
        Map<String, String> enrolments = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        String activityPrefix = Keys.activity(Instant.EPOCH, "").substring(0, Keys.activity(Instant.EPOCH, "").indexOf('#') + 1);
        String enrolmentPrefix = Keys.enrolment("");
        for (Map<String, AttributeValue> item : items) {
            String sk = text(item.get(TableDefinition.SK));
            if (sk.equals(Keys.LEAD_SK)) {
                continue;
            }
            if (sk.startsWith(activityPrefix)) {
                activity.add(new ActivityRow(instant(item.get("occurredAt")), text(item.get("type")),
                        strings(item.get("attributes"))));
            } else if (sk.startsWith(enrolmentPrefix)) {
                enrolments.put(sk.substring(enrolmentPrefix.length()), describe(without(item, TableDefinition.PK, TableDefinition.SK)));
            } else {
                other.put(sk, describe(without(item, TableDefinition.PK, TableDefinition.SK)));
            }
        }
        activity.sort(Comparator.comparing(ActivityRow::occurredAt).reversed());
        Map<String, AttributeValue> lead = leadItem.get();
        Map<String, String> consents = new LinkedHashMap<>();
        Optional.ofNullable(lead.get("consents")).filter(AttributeValue::hasM).ifPresent(m -> m.m().forEach((channel, c) ->
                consents.put(channel, describe(c.m()))));
        return Optional.of(new LeadFile(row(lead), instant(lead.get("stateEnteredAt")), strings(lead.get("profile")),
                consents, activity, enrolments, other));
    }

    private static LeadRow row(Map<String, AttributeValue> item) {
        Map<String, String> profile = strings(item.get("profile"));
        return new LeadRow(text(item.get("id")), text(item.get("email")), profile.getOrDefault("name", ""),
                profile.getOrDefault("company", ""), text(item.get("state")), number(item.get("score")),
                instant(item.get("createdAt")), instant(item.get("updatedAt")));
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String... names) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        for (String name : names) {
            copy.remove(name);
        }
        return copy;
    }

    /** {@code name=value, …} sorted by name; nested maps in braces, lists in brackets. */
    static String describe(Map<String, AttributeValue> item) {
        return item.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String value(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        if (value.hasM()) {
            return "{" + describe(value.m()) + "}";
        }
        if (value.hasL()) {
            return value.l().stream().map(LeadRecords::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value.hasSs()) {
            return value.ss().toString();
        }
        return value.toString();
    }

    private static String text(AttributeValue value) {
        return value == null || value.s() == null ? "" : value.s();
    }

    private static int number(AttributeValue value) {
        try {
            return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(AttributeValue value) {
        try {
            return value == null || value.s() == null ? Instant.EPOCH : Instant.parse(value.s());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static Map<String, String> strings(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.TreeMap<>();
        value.m().forEach((k, v) -> out.put(k, value(v)));
        return out;
    }
}
