package dev.lem.infra;

import dev.lem.store.TableDefinition;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * LEM's single DynamoDB table, built from {@link TableDefinition#LEM} (DESIGN §3): on-demand, point-in-time
 * recovery, TTL, encrypted with a customer-managed KMS key. Table and key are retained when the stack is
 * deleted: they hold the leads.
 */
public final class LeadTable extends Construct {

    private final Table table;
    private final Key key;

    public LeadTable(Construct scope, String id, TableDefinition definition) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description("LEM lead table encryption")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.table = Table.Builder.create(this, "Table")
                .partitionKey(stringKey(definition.partitionKey()))
                .sortKey(stringKey(definition.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(definition.ttlAttribute())
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (TableDefinition.Index index : definition.indexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringKey(index.partitionKey()))
                    .sortKey(stringKey(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    public Table table() {
        return table;
    }

    public Key key() {
        return key;
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
