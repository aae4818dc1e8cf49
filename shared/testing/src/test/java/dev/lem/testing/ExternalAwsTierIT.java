package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lem.aws.AwsClients;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.TableDefinition;
import dev.lem.store.TableProvisioner;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The optional tier (DESIGN §7): the lead store against a real AWS API — LocalStack through Docker, or
 * {@code LEM_AWS_ENDPOINT}. Without either the class is skipped with the reason, never failed.
 */
class ExternalAwsTierIT {

    @BeforeAll
    static void requireTheTier() {
        Optional<String> reason = ExternalAws.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
    }

    @Test
    void find_whenLeadCreatedOnExternalEngine_returnsTheSameLead() {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(ExternalAws.awsConfig())) {
            String table = "lem-it-" + UUID.randomUUID().toString().substring(0, 8);
            TableProvisioner.create(dynamo, table, TableDefinition.LEM);
            try {
                DynamoDbLeadStore store = new DynamoDbLeadStore(dynamo, table);
                Instant now = Instant.parse("2026-11-23T10:15:30Z");
                EmailAddress email = EmailAddress.parse("external.tier@example.com").orElseThrow();
                Lead lead = new Lead(LeadId.random(), new IdentityHasher(new byte[32]).hash(email), email,
                        Map.of("name", "External"), LeadState.SUBSCRIBER, now, 5,
                        Map.of("email", new Consent(true, "consent-email-2026-11", now)), now, now, 0);

                store.create(lead);

                assertThat(store.find(lead.id())).contains(lead.withVersion(1));
                assertThat(store.findByEmailHash(lead.emailHash())).contains(lead.withVersion(1));
            } finally {
                dynamo.deleteTable(r -> r.tableName(table));
            }
        }
    }
}
