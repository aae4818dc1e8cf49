package dev.lem.store;

import dev.lem.forms.SpamDefenceStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Used form tokens {@code TOKEN#nonce/TOKEN} (conditional put) and rate counters
 * {@code RATE#formId#ipHash#minute/RATE} (atomic ADD), both with a TTL.
 */
public final class DynamoDbSpamDefenceStore implements SpamDefenceStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSpamDefenceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean claimToken(String nonce, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.formToken(nonce), Keys.TOKEN_SK));
        item.put(TableDefinition.TTL, Items.n(expiresAt.getEpochSecond()));
        try {
            DynamoCalls.run("claim form token", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        }
    }

    @Override
    public void releaseToken(String nonce) {
        DynamoCalls.run("release form token", () -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                .key(Items.key(Keys.formToken(nonce), Keys.TOKEN_SK)).build()));
    }

    @Override
    public long countSubmission(String formId, String ipHash, Instant minute, Instant expiresAt) {
        long epochMinute = minute.getEpochSecond() / 60;
        Map<String, AttributeValue> updated = DynamoCalls.run("count submission", () -> dynamo.updateItem(
                UpdateItemRequest.builder().tableName(table)
                        .key(Items.key(Keys.rate(formId, ipHash, epochMinute), Keys.RATE_SK))
                        .updateExpression("ADD #c :one SET #ttl = if_not_exists(#ttl, :ttl)")
                        .expressionAttributeNames(Map.of("#c", "count", "#ttl", TableDefinition.TTL))
                        .expressionAttributeValues(Map.of(":one", Items.n(1), ":ttl", Items.n(expiresAt.getEpochSecond())))
                        .returnValues(ReturnValue.UPDATED_NEW)
                        .build())).attributes();
        return Long.parseLong(updated.get("count").n());
    }
}
