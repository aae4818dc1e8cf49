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
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Training rows {@code TRAINING#<yyyy-Www>/ROW#<outcome id>}: outcome, time, features (a map of strings, no PII) and
 * a TTL of {@link #KEPT}. A week is one Query (paged). Adding a row is one transaction: the conditional put of the row
 * (the first write per outcome wins) and the count of its outcome in its UTC day's tally
 * ({@link DynamoDbOutcomeTallies}), so a redelivered outcome changes neither.
 */
public final class DynamoDbTrainingRows implements TrainingRows {

    /** How long a row is kept: two years of history is more than a weekly training reads. */
    public static final Duration KEPT = Duration.ofDays(730);

    /** Tries of one row when its day's tally is busy with other outcomes' transactions (TransactionConflict). */
    static final int ATTEMPTS = 5;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded");

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
        TransactWriteItemsRequest write = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                DynamoDbOutcomeTallies.count(table, OutcomeTallies.dayOf(row.occurredAt()), row.converted()))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                DynamoCalls.run("add training row", () -> dynamo.transactWriteItems(write));
                return true;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(reasons.getFirst().code())) {
                    return false; // stored already: neither the row nor the tally changed
                }
                if (reasons.stream().anyMatch(r -> THROTTLED.contains(r.code()))) {
                    throw new StoreUnavailableException("add training row throttled", e);
                }
                if (reasons.stream().noneMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new StoreUnavailableException("the day's outcome tally kept conflicting with concurrent "
                            + "outcomes; retry", e);
                }
                ConflictBackoff.pause(attempt, "add training row");
            }
        }
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
