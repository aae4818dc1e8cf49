package dev.lem.store;

import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionList;
import dev.lem.messaging.SuppressionReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Suppression entries {@code SUPP#<address hash>/SUPP}: hash, reason, time; no TTL (suppression is forever). */
public final class DynamoDbSuppressionList implements SuppressionList {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Suppression> find(String addressHash) {
        Map<String, AttributeValue> item = DynamoCalls.run("find suppression", () -> dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(Keys.suppression(addressHash), Keys.SUPPRESSION_SK)).consistentRead(true)
                .build())).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Suppression(addressHash, SuppressionReason.fromWireName(item.get("reason").s()),
                Instant.parse(item.get("at").s())));
    }

    @Override
    public void suppress(Suppression suppression) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.suppression(suppression.addressHash()),
                Keys.SUPPRESSION_SK));
        item.put("reason", Items.s(suppression.reason().wireName()));
        item.put("at", Items.s(suppression.at().toString()));
        try {
            DynamoCalls.run("suppress", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()));
        } catch (ConditionalCheckFailedException alreadySuppressed) {
            // the first reason stays
        }
    }

    @Override
    public boolean lift(String addressHash, SuppressionReason reason) {
        try {
            DynamoCalls.run("lift suppression", () -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                    .key(Items.key(Keys.suppression(addressHash), Keys.SUPPRESSION_SK))
                    .conditionExpression("attribute_not_exists(pk) OR #r = :reason")
                    .expressionAttributeNames(Map.of("#r", "reason"))
                    .expressionAttributeValues(Map.of(":reason", Items.s(reason.wireName())))
                    .build()));
            return true;
        } catch (ConditionalCheckFailedException otherReason) {
            return false;
        }
    }
}
