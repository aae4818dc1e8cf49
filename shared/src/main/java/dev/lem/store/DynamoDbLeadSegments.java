package dev.lem.store;

import dev.lem.journey.LeadSegments;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Segments on {@code gsi1} (leads by state, ordered by the time they entered it): one Query per page. The cursor is
 * the page's LastEvaluatedKey (four string keys) as base64url JSON; a cursor that does not decode to exactly those
 * keys of the requested state is refused.
 */
public final class DynamoDbLeadSegments implements LeadSegments {

    private static final List<String> KEYS = List.of(TableDefinition.PK, TableDefinition.SK, TableDefinition.GSI1_PK,
            TableDefinition.GSI1_SK);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLeadSegments(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Page page(LeadState state, Optional<String> cursor, int limit) {
        String partition = Keys.stateIndex(state);
        Map<String, AttributeValue> start = cursor.map(c -> decode(c, partition)).orElse(null);
        var response = DynamoCalls.run("query segment", () -> dynamo.query(r -> r.tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Items.s(partition)))
                .limit(limit)
                .exclusiveStartKey(start)));
        List<LeadId> leads = response.items().stream()
                .map(item -> item.get(TableDefinition.PK).s())
                .filter(pk -> pk.startsWith("LEAD#"))
                .map(pk -> new LeadId(pk.substring("LEAD#".length())))
                .toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(encode(response.lastEvaluatedKey())) : Optional.empty();
        return new Page(leads, next);
    }

    private static String encode(Map<String, AttributeValue> key) {
        Map<String, String> plain = new HashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String cursor, String partition) {
        Map<String, AttributeValue> key = new HashMap<>();
        try {
            var tree = Json.tree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            for (String name : KEYS) {
                if (!tree.path(name).isTextual()) {
                    throw new IllegalArgumentException("segment cursor lacks " + name);
                }
                key.put(name, Items.s(tree.get(name).asText()));
            }
            if (tree.size() != KEYS.size() || !partition.equals(tree.get(TableDefinition.GSI1_PK).asText())) {
                throw new IllegalArgumentException("segment cursor is not of this segment");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("segment cursor is not valid: " + e.getMessage(), e);
        }
        return key;
    }
}
