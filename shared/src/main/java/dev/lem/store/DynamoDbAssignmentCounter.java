package dev.lem.store;

import dev.lem.journey.AssignmentCounter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Round-robin turns as an atomic {@code ADD} on {@code COUNTER#key / COUNTER}. */
public final class DynamoDbAssignmentCounter implements AssignmentCounter {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAssignmentCounter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public long next(String key) {
        var response = DynamoCalls.run("count turn", () -> dynamo.updateItem(r -> r.tableName(table)
                .key(Items.key(Keys.counter(key), "COUNTER"))
                .updateExpression("ADD #value :one")
                .expressionAttributeNames(Map.of("#value", "value"))
                .expressionAttributeValues(Map.of(":one", Items.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)));
        return Long.parseLong(response.attributes().get("value").n());
    }
}
