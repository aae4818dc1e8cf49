package dev.lem.store;

import dev.lem.predict.OutcomeContext;
import dev.lem.predict.OutcomeTallies;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The daily outcome tallies {@code OUTCOMES#DAILY/DAY#<yyyy-MM-dd>}: {@code outcomes} and {@code won} (numbers), the
 * day, and a TTL of {@link DynamoDbTrainingRows#KEPT} after the day. A day range is one Query on the sort key (paged);
 * a tally only grows inside {@link DynamoDbTrainingRows#add}'s transaction ({@link #count}), never on its own.
 */
public final class DynamoDbOutcomeTallies implements OutcomeTallies {

    static final String OUTCOMES = "outcomes";
    static final String WON = "won";
    static final String DAY = "day";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Integer pageSize;

    public DynamoDbOutcomeTallies(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** @param pageSize items per Query page ({@code null}: DynamoDB's 1 MB pages); small pages exercise the pager */
    public DynamoDbOutcomeTallies(DynamoDbClient dynamo, String table, Integer pageSize) {
        this.dynamo = dynamo;
        this.table = table;
        this.pageSize = pageSize;
    }

    @Override
    public NavigableMap<LocalDate, OutcomeContext.Day> days(LocalDate fromInclusive, LocalDate toExclusive) {
        NavigableMap<LocalDate, OutcomeContext.Day> days = new TreeMap<>();
        if (!fromInclusive.isBefore(toExclusive)) {
            return days;
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.OUTCOMES_DAILY_PK),
                        ":from", Items.s(Keys.outcomeDay(fromInclusive)),
                        ":to", Items.s(Keys.outcomeDay(toExclusive.minusDays(1)))))
                .limit(pageSize)
                .build();
        // the SDK's paginator follows LastEvaluatedKey; its pages are fetched while iterating, inside DynamoCalls
        return DynamoCalls.run("read outcome tallies", () -> {
            dynamo.queryPaginator(request).items().forEach(item -> days.put(LocalDate.parse(item.get(DAY).s()),
                    new OutcomeContext.Day(number(item, OUTCOMES), number(item, WON))));
            return days;
        });
    }

    /** The update that counts one outcome on {@code day} ({@code ADD outcomes 1, won 0|1}): part of a transaction. */
    static TransactWriteItem count(String table, LocalDate day, boolean won) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", Items.n(1));
        values.put(":won", Items.n(won ? 1 : 0));
        values.put(":day", Items.s(day.toString()));
        values.put(":ttl", Items.n(day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                .plus(DynamoDbTrainingRows.KEPT).getEpochSecond()));
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(Keys.OUTCOMES_DAILY_PK, Keys.outcomeDay(day)))
                .updateExpression("SET #day = :day, #ttl = :ttl ADD #outcomes :one, #won :won")
                .expressionAttributeNames(Map.of("#day", DAY, "#ttl", TableDefinition.TTL, "#outcomes", OUTCOMES,
                        "#won", WON))
                .expressionAttributeValues(values)
                .build()).build();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
