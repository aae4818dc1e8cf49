package dev.lem.store;

import dev.lem.predict.OutcomeTallies;
import dev.lem.predict.TrainingRow;
import dev.lem.predict.TrainingRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Training rows {@code TRAINING#<yyyy-Www>/ROW#<outcome id>}: outcome, time, features (a map of strings, no PII) and
 * a TTL of {@link #KEPT}. A week is one Query (paged). Adding a row is one {@link FirstWriteWins} transaction: the
 * conditional put of the row and the count of its outcome in its UTC day's tally ({@link DynamoDbOutcomeTallies}), so
 * a redelivered outcome changes neither.
 */
public final class DynamoDbTrainingRows implements TrainingRows {

    /** How long a row is kept: two years of history is more than a weekly training reads. */
    public static final Duration KEPT = Duration.ofDays(730);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTrainingRows(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean add(TrainingRow row) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.trainingWeek(row.week()),
                Keys.trainingRow(row.outcomeId())));
        item.put("outcomeId", Items.s(row.outcomeId()));
        item.put("occurredAt", Items.s(row.occurredAt().toString()));
        item.put("outcome", Items.s(row.outcome()));
        item.put("features", Items.stringMap(row.features()));
        item.put(TableDefinition.TTL, Items.n(row.occurredAt().plus(KEPT).getEpochSecond()));
        return FirstWriteWins.transact(dynamo, "add training row", List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                DynamoDbOutcomeTallies.count(table, OutcomeTallies.dayOf(row.occurredAt()), row.converted())));
    }

    @Override
    public List<TrainingRow> week(String week) {
        List<TrainingRow> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = DynamoCalls.run("read training rows", () -> dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.trainingWeek(week))))
                    .exclusiveStartKey(from)
                    .build()));
            for (Map<String, AttributeValue> item : page.items()) {
                rows.add(new TrainingRow(item.get("outcomeId").s(), Instant.parse(item.get("occurredAt").s()),
                        item.get("outcome").s(), Items.toStringMap(item.get("features"))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        rows.sort(Comparator.comparing(TrainingRow::occurredAt).thenComparing(TrainingRow::outcomeId));
        return rows;
    }
}
