package dev.lem.infra;

import dev.lem.store.TableDefinition;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * LEM's single DynamoDB table, built from {@link TableDefinition#LEM} (DESIGN §3): on-demand, point-in-time
 * recovery, TTL, encrypted with a customer-managed KMS key, deletion protection on. Table and key are
 * retained when the stack is deleted: they hold the leads.
 */
public final class LeadTable extends Construct {

    /** Every item-level call LEM's access patterns make (DESIGN §3: all single requests, no scans). */
    static final List<String> ITEM_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem");
    /** What DynamoDB needs from a caller of a table encrypted with a customer-managed key (as CDK grants it). */
    static final List<String> KEY_ACTIONS = List.of(
            "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*");

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
                .deletionProtection(true)
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

    /**
     * Item reads and writes (including transactions and conditional writes), on the table and its
     * indexes, and use of the table's key. Not granted: Scan, streams, table management.
     */
    public void grantItemReadWrite(IGrantable grantee) {
        table.grant(grantee, ITEM_ACTIONS.toArray(String[]::new));
        key.grant(grantee, KEY_ACTIONS.toArray(String[]::new));
    }

    /**
     * Reads of single items, and writes (put, update, delete) only to items whose partition key starts with one of
     * {@code partitionKeyPrefixes} (IAM condition {@code dynamodb:LeadingKeys}), and use of the table's key. For a
     * function that looks leads up but must never change them.
     */
    public void grantReadAndWritesUnder(IGrantable grantee, List<String> partitionKeyPrefixes) {
        table.grant(grantee, "dynamodb:GetItem");
        grantee.getGrantPrincipal().addToPrincipalPolicy(onlyUnder(partitionKeyPrefixes,
                List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem")));
        key.grant(grantee, KEY_ACTIONS.toArray(String[]::new));
    }

    /**
     * Only {@code actions}, and only on items whose partition key starts with one of {@code partitionKeyPrefixes} (IAM
     * condition {@code dynamodb:LeadingKeys} on every action), on the table itself (no indexes), and use of the
     * table's key; nothing else in the table. For a function that owns a few kinds of items and must not see leads:
     * reporting (get, put, update of its counters) and the journey admin API (get, query, put of journeys).
     */
    public void grantOnlyUnder(IGrantable grantee, List<String> partitionKeyPrefixes, String... actions) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(onlyUnder(partitionKeyPrefixes, List.of(actions)));
        key.grant(grantee, KEY_ACTIONS.toArray(String[]::new));
    }

    private PolicyStatement onlyUnder(List<String> partitionKeyPrefixes, List<String> actions) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                        partitionKeyPrefixes.stream().map(prefix -> prefix + "*").toList())))
                .build();
    }

    /** Reads by key and queries on the table itself (no indexes, no writes), and decryption with the table's key. */
    public void grantItemRead(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query"))
                .resources(List.of(table.getTableArn()))
                .build());
        key.grant(grantee, "kms:Decrypt", "kms:DescribeKey");
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
