package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.capture.outcomes.OutcomeIngestionService;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.testing.fakes.InMemoryIdempotencyStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingEventBus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomesHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final OutcomesHandler handler = new OutcomesHandler(new OutcomeIngestionService(leads, HASHER,
            new InMemoryIdempotencyStore(), bus, new dev.lem.testing.fakes.RecordingQueue()), Clock.fixed(NOW, ZoneOffset.UTC));

    private APIGatewayV2HTTPResponse request(String method, String contentType, String body, boolean base64) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/outcomes")
                .withHeaders(contentType == null ? Map.of() : Map.of("Content-Type", contentType))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build())
                .withBody(body).withIsBase64Encoded(base64).build(), null);
    }

    @Test
    void handleRequest_whenValidThenRepeated_answers202Then200WithTheSameEventId() {
        EmailAddress email = EmailAddress.parse("ada@example.com").orElseThrow();
        leads.put(new Lead(LEAD, HASHER.hash(email), email, Map.of(), LeadState.SQL, NOW, 0, Map.of(), NOW, NOW, 1));
        String body = "{\"source\":\"crm\",\"externalId\":\"deal-1\",\"leadId\":\"" + LEAD.value() + "\",\"outcome\":\"lost\","
                + "\"reason\":\"chose a competitor\"}";

        APIGatewayV2HTTPResponse first = request("POST", "application/json; charset=utf-8", body, false);
        APIGatewayV2HTTPResponse second = request("POST", "application/json",
                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)), true);

        assertThat(first.getStatusCode()).isEqualTo(202);
        JsonNode accepted = Json.tree(first.getBody());
        assertThat(accepted.get("result").asText()).isEqualTo("accepted");
        assertThat(accepted.get("leadId").asText()).isEqualTo(LEAD.value());
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(Json.tree(second.getBody()).get("eventId")).isEqualTo(accepted.get("eventId"));
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenWrongMethodTypeOrBody_answersPrecise4xx() {
        assertThat(request("GET", "application/json", "{}", false).getStatusCode()).isEqualTo(405);
        assertThat(request("POST", "text/plain", "{}", false).getStatusCode()).isEqualTo(415);
        assertThat(request("POST", "application/json", "%%%", true).getStatusCode()).isEqualTo(400);
        assertThat(request("POST", "application/json", "{not json", false).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse invalid = request("POST", "application/json", "{\"outcome\":\"won\"}", false);
        assertThat(invalid.getStatusCode()).isEqualTo(422);
        assertThat(Json.tree(invalid.getBody()).at("/errors/source").asText()).isEqualTo("required");
        APIGatewayV2HTTPResponse unknown = request("POST", "application/json", "{\"source\":\"crm\",\"externalId\":\"d\","
                + "\"email\":\"x@example.com\",\"outcome\":\"won\"}", false);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(bus.published()).isEmpty();
    }
}
