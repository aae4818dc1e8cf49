package dev.lem.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the table from a {@link TableDefinition} on an engine (DynamoDB Local, an emulator). In AWS,
 * infra creates it from the same definition.
 */
public final class TableProvisioner {
    private TableProvisioner() {}

    /** Creates the table unless it exists, and enables TTL when the engine supports it. */
    public static void create(DynamoDbClient dynamo, String tableName, TableDefinition definition) {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(
                string(definition.partitionKey()), string(definition.sortKey())));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableDefinition.Index index : definition.indexes()) {
            attributes.add(string(index.partitionKey()));
            attributes.add(string(index.sortKey()));
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build());
        }
        try {
            dynamo.createTable(r -> r.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key(definition.partitionKey(), KeyType.HASH), key(definition.sortKey(), KeyType.RANGE))
                    .globalSecondaryIndexes(indexes));
        } catch (ResourceInUseException exists) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        dynamo.updateTimeToLive(r -> r.tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(definition.ttlAttribute())));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
