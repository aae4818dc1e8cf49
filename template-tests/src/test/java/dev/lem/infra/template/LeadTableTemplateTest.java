package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.store.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class LeadTableTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();
    private final TableDefinition definition = TableDefinition.LEM;

    @Test
    void table_whenSynthesized_isTheOnlyTableWithTheSharedKeySchema() {
        assertThat(synth.resources("AWS::DynamoDB::Table")).hasSize(1);
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", definition.partitionKey(), "KeyType", "HASH"),
                        Map.of("AttributeName", definition.sortKey(), "KeyType", "RANGE")))));
    }

    @Test
    void table_whenSynthesized_hasExactlyTheSharedIndexes() {
        List<Object> expected = new ArrayList<>();
        for (TableDefinition.Index index : definition.indexes()) {
            expected.add(Map.of(
                    "IndexName", index.name(),
                    "KeySchema", List.of(
                            Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                            Map.of("AttributeName", index.sortKey(), "KeyType", "RANGE")),
                    "Projection", Map.of("ProjectionType", "ALL")));
        }
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "GlobalSecondaryIndexes", expected)));
    }

    @Test
    void table_whenSynthesized_declaresEveryKeyAttributeAsString() {
        List<Object> attributes = new ArrayList<>();
        attributes.add(Map.of("AttributeName", definition.partitionKey(), "AttributeType", "S"));
        attributes.add(Map.of("AttributeName", definition.sortKey(), "AttributeType", "S"));
        for (TableDefinition.Index index : definition.indexes()) {
            attributes.add(Map.of("AttributeName", index.partitionKey(), "AttributeType", "S"));
            attributes.add(Map.of("AttributeName", index.sortKey(), "AttributeType", "S"));
        }
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "AttributeDefinitions", Match.arrayEquals(attributes))));
    }

    @Test
    void table_whenSynthesized_isOnDemandWithPointInTimeRecoveryAndTtl() {
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", definition.ttlAttribute(), "Enabled", true))));
    }

    @Test
    void table_whenSynthesized_isEncryptedWithTheStacksRotatingKmsKey() {
        String keyId = synth.logicalId(synth.stack.table().key());
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "SSESpecification", Map.of(
                        "SSEEnabled", true,
                        "SSEType", "KMS",
                        "KMSMasterKeyId", Cfn.getAtt(keyId, "Arn")))));
        synth.template.hasResource("AWS::KMS::Key", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("EnableKeyRotation", true)),
                "DeletionPolicy", "Retain")));
    }

    @Test
    void table_whenSomeoneTriesToDeleteIt_isProtected() {
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionProtectionEnabled", true)));
    }

    @Test
    void table_whenStackIsDeleted_isRetained() {
        synth.template.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain")));
    }
}
