package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.capture.activities.ActivityIngestionService;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.testing.fakes.InMemoryIdempotencyStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingQueue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivitiesHandlerTest {

    private final RecordingQueue queue = new RecordingQueue();
    private final ActivitiesHandler handler = new ActivitiesHandler(new ActivityIngestionService(new InMemoryLeadStore(),
            new IdentityHasher(new byte[32]), new InMemoryIdempotencyStore(), queue),
            Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC));

    private APIGatewayV2HTTPResponse request(String method, String contentType, String body) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/activities")
                .withHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build())
                .withBody(body).withIsBase64Encoded(false).build(), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void handleRequest_whenMethodIsNotPost_answers405(String method) {
        assertThat(request(method, "application/json", "{}").getStatusCode()).isEqualTo(405);
    }

    @Test
    void handleRequest_whenContentTypeMissingOrOther_answers415() {
        assertThat(request("POST", null, "{}").getStatusCode()).isEqualTo(415);
        assertThat(request("POST", "application/x-www-form-urlencoded", "items=1").getStatusCode()).isEqualTo(415);
    }

    @Test
    void handleRequest_whenEveryItemFails_stillAnswers207WithCountsAndNothingQueued() {
        APIGatewayV2HTTPResponse response = request("POST", "application/json", "{\"items\":[{\"source\":\"crm\","
                + "\"externalId\":\"r-1\",\"type\":\"offline.crm-record\",\"occurredAt\":\"2026-11-23T09:00:00Z\","
                + "\"email\":\"nobody@example.com\"},{}]}");

        assertThat(response.getStatusCode()).isEqualTo(207);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = Json.tree(response.getBody());
        assertThat(body.get("accepted").asInt()).isZero();
        assertThat(body.get("failed").asInt()).isEqualTo(2);
        assertThat(body.at("/items/0/result").asText()).isEqualTo("unknown-lead");
        assertThat(body.at("/items/1/status").asInt()).isEqualTo(422);
        assertThat(body.at("/items/1").has("source")).isFalse();
        assertThat(queue.bodies()).isEmpty();
    }
}
