package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.store.TableDefinition;
import dev.lem.store.TableProvisioner;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(AwsEnginesExtension.class)
class TableProvisionerIT {

    private final DynamoDbClient dynamo;
    private final String table;

    TableProvisionerIT(AwsEngines engines) {
        this.dynamo = engines.dynamoDb();
        this.table = engines.createTable();
    }

    private TableDescription describe() {
        return dynamo.describeTable(r -> r.tableName(table)).table();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Test
    void create_whenLemDefinition_hasPkHashAndSkRangeKeys() {
        TableDescription description = describe();

        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).containsExactly(
                key(TableDefinition.LEM.partitionKey(), KeyType.HASH), key(TableDefinition.LEM.sortKey(), KeyType.RANGE));
        assertThat(description.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
    }

    @Test
    void create_whenLemDefinition_hasEveryIndexOfTheDefinitionProjectingAll() {
        Map<String, GlobalSecondaryIndexDescription> indexes = describe().globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> i));

        assertThat(indexes).containsOnlyKeys(TableDefinition.LEM.indexes().stream().map(TableDefinition.Index::name).toList());
        for (TableDefinition.Index index : TableDefinition.LEM.indexes()) {
            GlobalSecondaryIndexDescription described = indexes.get(index.name());
            assertThat(described.keySchema()).containsExactly(
                    key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE));
            assertThat(described.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        }
        assertThat(indexes.get("gsi1").keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("gsi1pk", "gsi1sk");
    }

    @Test
    void create_whenLemDefinition_declaresEveryKeyAttributeAsString() {
        assertThat(describe().attributeDefinitions())
                .extracting(AttributeDefinition::attributeName, AttributeDefinition::attributeType)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("pk", ScalarAttributeType.S),
                        org.assertj.core.groups.Tuple.tuple("sk", ScalarAttributeType.S),
                        org.assertj.core.groups.Tuple.tuple("gsi1pk", ScalarAttributeType.S),
                        org.assertj.core.groups.Tuple.tuple("gsi1sk", ScalarAttributeType.S));
    }

    @Test
    void create_whenLemDefinition_enablesTtlOnTheTtlAttribute() {
        var ttl = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();

        assertThat(ttl.attributeName()).isEqualTo(TableDefinition.TTL);
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
    }

    @Test
    void create_whenTableAlreadyExists_isANoOp() {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("KEEP"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ME"))));

        TableProvisioner.create(dynamo, table, TableDefinition.LEM);

        assertThat(dynamo.getItem(r -> r.tableName(table).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("KEEP"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ME")))).hasItem()).isTrue();
    }
}
