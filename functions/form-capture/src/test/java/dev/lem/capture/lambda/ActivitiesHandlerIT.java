package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.capture.activities.ActivityIngestionService;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code POST /activities} on DynamoDB Local (leads, claims) and ElasticMQ (the activity queue). */
@ExtendWith(AwsEnginesExtension.class)
class ActivitiesHandlerIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);

    private final AwsEngines engines;
    private final String queueUrl;
    private final DynamoDbLeadStore leads;
    private final ActivitiesHandler handler;
    private final Lead lead;

    ActivitiesHandlerIT(AwsEngines engines) {
        this.engines = engines;
        String table = engines.createTable();
        this.queueUrl = engines.createQueues().get(QueueDefinition.ACTIVITY).url();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.handler = new ActivitiesHandler(new ActivityIngestionService(leads, HASHER,
                new DynamoDbIdempotencyStore(engines.dynamoDb(), table), new SqsMessageQueue(engines.sqs(), queueUrl)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        EmailAddress email = EmailAddress.parse("ada@example.com").orElseThrow();
        this.lead = new Lead(LeadId.random(), HASHER.hash(email), email, Map.of(), LeadState.LEAD, NOW, 0, Map.of(), NOW,
                NOW, 0);
        leads.create(lead);
    }

    private APIGatewayV2HTTPResponse post(String contentType, String body, boolean base64) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /activities")
                .withRawPath("/activities").withHeaders(Map.of("Content-Type", contentType))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .withBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64).build(), null);
    }

    private static String batch() {
        return """
                {"items": [
                  {"source": "showroom", "externalId": "visit-1", "type": "offline.showroom-visit",
                   "occurredAt": "2026-11-22T15:00:00Z", "email": "Ada@Example.com", "attributes": {"dealer": "D-12"}},
                  {"source": "call-centre", "externalId": "call-9", "type": "offline.call",
                   "occurredAt": "2026-11-23T09:00:00Z", "leadId": "%s", "attributes": {"outcome": "test-drive booked"}},
                  {"source": "call-centre", "externalId": "call-10", "type": "offline.call",
                   "occurredAt": "2026-11-23T09:00:00Z", "email": "nobody@example.com"},
                  {"source": "call-centre", "externalId": "call-11", "type": "form.submitted",
                   "occurredAt": "2026-11-23T09:00:00Z", "email": "ada@example.com"}
                ]}""";
    }

    @Test
    void handleRequest_whenBatchIsMixed_answers207WithEachItemsStatusAndQueuesTheAcceptedOnes() {
        APIGatewayV2HTTPResponse response = post("application/json; charset=utf-8", batch().formatted(lead.id()), true);

        assertThat(response.getStatusCode()).isEqualTo(207);
        JsonNode body = Json.tree(response.getBody());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("failed").asInt()).isEqualTo(2);
        List<Integer> statuses = new ArrayList<>();
        body.get("items").forEach(i -> statuses.add(i.get("status").asInt()));
        assertThat(statuses).containsExactly(202, 202, 404, 422);
        assertThat(body.get("items").get(3).get("errors").has("type")).isTrue();
        assertThat(response.getBody()).doesNotContain("nobody@example.com").doesNotContain("Ada@Example.com");
        List<Activity> queued = receive(2).stream().map(m -> Json.read(m.body(), Activity.class)).toList();
        assertThat(queued).extracting(Activity::type).containsExactlyInAnyOrder("offline.showroom-visit", "offline.call");
        assertThat(queued).allSatisfy(a -> assertThat(a.leadId()).isEqualTo(lead.id()));
    }

    @Test
    void handleRequest_whenTheSameBatchIsSentTwice_answersDuplicatesTheSecondTimeAndQueuesNothingMore() {
        post("application/json", batch().formatted(lead.id()), false);
        receive(2);

        APIGatewayV2HTTPResponse again = post("application/json", batch().formatted(lead.id()), false);

        JsonNode body = Json.tree(again.getBody());
        assertThat(body.get("duplicates").asInt()).isEqualTo(2);
        assertThat(body.get("items").get(0).get("result").asText()).isEqualTo("duplicate");
        assertThat(engines.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void handleRequest_whenTheEnvelopeIsWrong_answersAPrecise4xxAndQueuesNothing() {
        assertThat(post("text/plain", "{}", false).getStatusCode()).isEqualTo(415);
        assertThat(post("application/json", "{\"items\":", false).getStatusCode()).isEqualTo(400);
        assertThat(post("application/json", "{\"items\":[]}", false).getStatusCode()).isEqualTo(422);
        assertThat(post("application/json", "%%%", true).getStatusCode()).isBetween(400, 499);
        assertThat(engines.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages()).isEmpty();
    }

    private List<Message> receive(int expected) {
        List<Message> messages = new ArrayList<>();
        for (int poll = 0; poll < 10 && messages.size() < expected; poll++) {
            messages.addAll(engines.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
        }
        messages.forEach(m -> engines.sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        assertThat(messages).hasSize(expected);
        return messages;
    }
}
