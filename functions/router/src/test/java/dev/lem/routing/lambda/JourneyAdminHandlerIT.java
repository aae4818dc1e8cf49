package dev.lem.routing.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.journey.JourneyAdmin;
import dev.lem.journey.JourneyParser;
import dev.lem.json.Json;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The deployed journey admin API (the journeys function's handler) on DynamoDB Local: what the router then reads. */
@ExtendWith(AwsEnginesExtension.class)
class JourneyAdminHandlerIT {

    private static final String DOCUMENT = """
            {"schemaVersion":1,"id":"promo","version":1,"name":"Promo",
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "steps":[{"id":"m","type":"send","channel":"email","template":"promo"}]}""";

    private final DynamoDbClient dynamo;
    private final String table;
    private final JourneyParser parser = JourneyParser.create();
    private final JourneyAdminHandler handler;

    JourneyAdminHandlerIT(AwsEngines engines) {
        this.dynamo = engines.dynamoDb();
        this.table = engines.createTable();
        this.handler = new JourneyAdminHandler(JourneyAdmin.over(parser, new DynamoDbJourneyStore(dynamo, table, parser)));
    }

    private APIGatewayV2HTTPResponse call(String method, String path, String routeKey, Map<String, String> pathParameters,
                                          Map<String, String> query, String contentType, String body, boolean base64) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(path)
                .withHeaders(headers).withPathParameters(pathParameters).withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build())
                .withBody(body == null ? null : base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64).build(), null);
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return call("POST", "/admin/journeys", "POST /admin/journeys", null, null, "application/json; charset=utf-8", body, false);
    }

    private APIGatewayV2HTTPResponse get(String id, Map<String, String> query) {
        return call("GET", "/admin/journeys/" + id, "GET /admin/journeys/{id}", Map.of("id", id), query, null, null, false);
    }

    @Test
    void post_whenValid_storesAnImmutableVersionTheRouterReads_andAgainIsUnchanged() {
        APIGatewayV2HTTPResponse created = post(DOCUMENT);
        APIGatewayV2HTTPResponse again = call("POST", "/admin/journeys", "POST /admin/journeys", null, null,
                "application/json", DOCUMENT, true);

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(Json.tree(created.getBody()).get("result").asText()).isEqualTo("created");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(Json.tree(again.getBody()).get("result").asText()).isEqualTo("unchanged");
        // what the router's DynamoDbJourneyStore reads back, re-validated
        assertThat(new DynamoDbJourneyStore(dynamo, table, parser).find("promo", 1)).hasValueSatisfying(j ->
                assertThat(j.name()).isEqualTo("Promo"));
    }

    @Test
    void post_whenTheVersionExistsWithOtherContent_answers409AndKeepsTheStoredVersion() {
        post(DOCUMENT);

        APIGatewayV2HTTPResponse conflict = post(DOCUMENT.replace("\"template\":\"promo\"", "\"template\":\"promo-2\""));

        assertThat(conflict.getStatusCode()).isEqualTo(409);
        assertThat(Json.tree(conflict.getBody()).get("error").asText()).contains("promo@1").contains("version 2");
        assertThat(Json.tree(get("promo", null).getBody()).at("/document/steps/0/template").asText()).isEqualTo("promo");
    }

    @Test
    void post_whenANewVersion_becomesTheLatest_andTheOldStaysReadable() {
        post(DOCUMENT);
        assertThat(post(DOCUMENT.replace("\"version\":1", "\"version\":2").replace("\"template\":\"promo\"",
                "\"template\":\"promo-2\"")).getStatusCode()).isEqualTo(201);

        JsonNode latest = Json.tree(get("promo", null).getBody());
        JsonNode first = Json.tree(get("promo", Map.of("version", "1")).getBody());
        JsonNode list = Json.tree(call("GET", "/admin/journeys", "GET /admin/journeys", null, null, null, null, false).getBody());

        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.at("/document/steps/0/template").asText()).isEqualTo("promo-2");
        assertThat(first.at("/document/steps/0/template").asText()).isEqualTo("promo");
        assertThat(list.findValuesAsText("journeyId")).containsExactly("promo", "welcome");
        assertThat(list.get(0).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void post_whenInvalid_answers400WithEveryProblemAndItsPointer_andStoresNothing() {
        APIGatewayV2HTTPResponse invalid = post(DOCUMENT.replace("\"version\":1", "\"version\":0")
                .replace("\"template\":\"promo\"", "\"template\":\"promo\",\"next\":\"nowhere\""));

        assertThat(invalid.getStatusCode()).isEqualTo(400);
        JsonNode problems = Json.tree(invalid.getBody()).get("problems");
        assertThat(problems.findValuesAsText("pointer")).contains("/version");
        assertThat(items()).isZero();

        APIGatewayV2HTTPResponse dangling = post(DOCUMENT.replace("\"template\":\"promo\"", "\"template\":\"promo\",\"next\":\"nowhere\""));
        assertThat(dangling.getStatusCode()).isEqualTo(400);
        assertThat(Json.tree(dangling.getBody()).at("/problems/0/pointer").asText()).isEqualTo("/steps/0/next");
        assertThat(items()).isZero();
    }

    @Test
    void post_whenHostile_answersAPrecise4xx() {
        assertThat(post("{").getStatusCode()).isEqualTo(400);
        assertThat(post("").getStatusCode()).isEqualTo(400);
        assertThat(post("[1,2]").getStatusCode()).isEqualTo(400);
        assertThat(post("{\"x\":\"" + "y".repeat(300 * 1024) + "\"}").getStatusCode()).isEqualTo(413);
        assertThat(call("POST", "/admin/journeys", "POST /admin/journeys", null, null, "text/plain", DOCUMENT, false)
                .getStatusCode()).isEqualTo(415);
        assertThat(call("POST", "/admin/journeys", "POST /admin/journeys", null, null, "application/json", "!!!", true)
                .getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse delete = call("DELETE", "/admin/journeys/promo", "DELETE /admin/journeys/{id}",
                Map.of("id", "promo"), null, null, null, false);
        assertThat(delete.getStatusCode()).isEqualTo(405);
        assertThat(delete.getHeaders()).containsEntry("Allow", "GET");
        assertThat(get("Promo!", null).getStatusCode()).isEqualTo(404);
        assertThat(get("promo", Map.of("version", "-1")).getStatusCode()).isEqualTo(400);
        assertThat(items()).isZero();
    }

    private int items() {
        return dynamo.scan(r -> r.tableName(table)).items().stream()
                .filter(item -> item.getOrDefault("pk", AttributeValue.fromS("")).s().startsWith("JOURNEY")).toList().size();
    }
}
