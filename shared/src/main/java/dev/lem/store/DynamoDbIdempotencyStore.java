package dev.lem.store;

import dev.lem.idempotency.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Idempotency records {@code IDEM#key/IDEM}: a conditional put claims the key unless a live claim or a
 * completed record holds it (Powertools' idempotency design, which is not available for v2 here).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Claim claim(String key, Instant now, Duration inProgressFor) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.idempotency(key), Keys.IDEMPOTENCY_SK));
        item.put("status", Items.s(IN_PROGRESS));
        item.put("expiresAt", Items.n(now.plus(inProgressFor).getEpochSecond()));
        item.put(TableDefinition.TTL, Items.n(now.plus(inProgressFor).plus(Duration.ofDays(1)).getEpochSecond()));
        try {
            DynamoCalls.run("claim", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#s = :inProgress AND expiresAt < :now)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":inProgress", Items.s(IN_PROGRESS),
                            ":now", Items.n(now.getEpochSecond())))
                    .build()));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = DynamoCalls.run("read claim", () -> dynamo.getItem(GetItemRequest
                    .builder().tableName(table).key(Items.key(Keys.idempotency(key), Keys.IDEMPOTENCY_SK))
                    .consistentRead(true).build())).item();
            return COMPLETED.equals(Items.optionalS(existing, "status").orElse("")) ? Claim.ALREADY_COMPLETED : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void complete(String key, Instant now, Duration keepFor) {
        DynamoCalls.run("complete claim", () -> dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Items.key(Keys.idempotency(key), Keys.IDEMPOTENCY_SK))
                .updateExpression("SET #s = :completed, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#s", "status", "#ttl", TableDefinition.TTL))
                .expressionAttributeValues(Map.of(":completed", Items.s(COMPLETED),
                        ":ttl", Items.n(now.plus(keepFor).getEpochSecond())))
                .build()));
    }

    @Override
    public void release(String key) {
        try {
            DynamoCalls.run("release claim", () -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                .key(Items.key(Keys.idempotency(key), Keys.IDEMPOTENCY_SK))
                .conditionExpression("#s = :inProgress")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":inProgress", Items.s(IN_PROGRESS)))
                .build()));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // completed meanwhile or already released: nothing to give back
        }
    }
}
