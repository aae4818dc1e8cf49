package dev.lem.notify.lambda;

import static dev.lem.testing.fakes.SqsEvents.batch;
import static dev.lem.testing.fakes.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.lem.aws.AwsClients;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.json.Json;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.SuppressionReason;
import dev.lem.notify.FeedbackService;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** SES feedback batches through the real handler on DynamoDB Local, PutEvents on the wire. */
@ExtendWith(AwsEnginesExtension.class)
class FeedbackHandlerIT {

    private static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    private static final IdentityHasher HASHER = new IdentityHasher("identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8));

    private final AwsEngines engines;
    private final WireCapture wire;
    private final String table;
    private final DynamoDbLeadStore leads;
    private final FeedbackHandler handler;

    FeedbackHandlerIT(AwsEngines engines, WireCapture wire) {
        this.engines = engines;
        this.wire = wire;
        this.table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.handler = new FeedbackHandler(new FeedbackService(leads, new DynamoDbSuppressionList(engines.dynamoDb(), table),
                HASHER, new EventBridgeEventBus(AwsClients.eventBridge(wire.awsConfig()), "lem")));
    }

    @Test
    void handleRequest_whenHardBounceAndAMalformedRecord_suppressesMarksUnreachableAndFailsOnlyTheBadRecord() {
        wire.reset();
        EmailAddress ada = EmailAddress.parse("ada@example.com").orElseThrow();
        Lead lead = new Lead(LeadId.random(), HASHER.hash(ada), ada, Map.of(), LeadState.MQL, NOW, 100,
                Map.of("email", new Consent(true, "v1", NOW)), NOW, NOW, 0);
        leads.create(lead);
        String bounce = fixture("ses/bounce-permanent.json");

        SQSBatchResponse response = handler.handleRequest(batch(message("sqs-1", bounce), message("sqs-2", "{not json"),
                message("sqs-3", bounce)), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("sqs-2");
        assertThat(leads.find(lead.id()).orElseThrow().state()).isEqualTo(LeadState.UNREACHABLE);
        assertThat(new DynamoDbSuppressionList(engines.dynamoDb(), table).find(lead.emailHash()))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        List<String> published = wire.requests(Service.EVENTBRIDGE).stream()
                .flatMap(r -> java.util.stream.StreamSupport.stream(r.json().get("Entries").spliterator(), false))
                .map(e -> e.get("DetailType").asText()).toList();
        assertThat(published).containsExactly("lead.state-changed");
        List<Map<String, AttributeValue>> items = engines.dynamoDb().scan(r -> r.tableName(table)).items();
        assertThat(items).noneMatch(item -> item.toString().contains("ada@example.com") && !item.containsKey("profile"));
    }

    private static String fixture(String path) {
        try (InputStream in = FeedbackHandlerIT.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
