package dev.lem.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.journey.JourneyAdmin;
import dev.lem.journey.JourneyParser;
import dev.lem.json.Json;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import dev.lem.testing.fakes.InMemoryJourneySource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyAdminEndpointsTest {

    private static final String DOCUMENT = """
            {"schemaVersion":1,"id":"promo","version":1,
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "steps":[{"id":"m","type":"send","channel":"email","template":"promo"}]}""";

    private final JourneyParser parser = JourneyParser.create();
    private final InMemoryJourneySource store = new InMemoryJourneySource();
    private final AdminToken token = AdminToken.random(new java.security.SecureRandom());
    private final JourneyAdminEndpoints endpoints = new JourneyAdminEndpoints(token, JourneyAdmin.over(parser, store));

    private static GatewayRequest post(String body, Map<String, String> headers) {
        return new GatewayRequest("POST", "/admin/journeys", "", headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1",
                "POST /admin/journeys", Map.of());
    }

    private static GatewayRequest post(String body) {
        return post(body, Map.of());
    }

    private static String body(GatewayReply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void deploy_whenValid_creates201ThenUnchanged200AndListsIt() {
        GatewayReply created = endpoints.deploy(post(DOCUMENT));
        GatewayReply again = endpoints.deploy(post(DOCUMENT));

        assertThat(created.status()).isEqualTo(201);
        assertThat(Json.tree(body(created)).get("result").asText()).isEqualTo("created");
        assertThat(again.status()).isEqualTo(200);
        assertThat(Json.tree(body(again)).get("result").asText()).isEqualTo("unchanged");
        assertThat(body(endpoints.list())).contains("\"journeyId\":\"promo\"").contains("\"journeyId\":\"welcome\"");
    }

    @Test
    void deploy_whenInvalid_answers400WithEveryProblemAndItsJsonPointer() {
        GatewayReply reply = endpoints.deploy(post(DOCUMENT.replace("\"version\":1", "\"version\":0").replace("promo\",", "Promo!\",")));

        assertThat(reply.status()).isEqualTo(400);
        var problems = Json.tree(body(reply)).get("problems");
        assertThat(problems.findValuesAsText("pointer")).contains("/id", "/version");
        assertThat(problems.findValuesAsText("message")).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(store.current()).isEmpty();
    }

    @Test
    void deploy_whenAStepGoesNowhere_answers400PointingAtTheField() {
        GatewayReply reply = endpoints.deploy(post(DOCUMENT.replace("\"template\":\"promo\"", "\"template\":\"promo\",\"next\":\"gone\"")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Json.tree(body(reply)).get("problems").get(0).get("pointer").asText()).isEqualTo("/steps/0/next");
    }

    @Test
    void get_whenDeployed_answersTheLatestVersionWithItsDocument_else404() {
        endpoints.deploy(post(DOCUMENT));
        endpoints.deploy(post(DOCUMENT.replace("\"version\":1", "\"version\":2")));

        var latest = Json.tree(body(endpoints.get(get("/admin/journeys/promo", "", Map.of("id", "promo")))));
        var first = Json.tree(body(endpoints.get(get("/admin/journeys/promo", "version=1", Map.of("id", "promo")))));

        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.at("/document/version").asInt()).isEqualTo(2);
        assertThat(first.at("/document/version").asInt()).isEqualTo(1);
        assertThat(endpoints.get(get("/admin/journeys/nope", "", Map.of("id", "nope"))).status()).isEqualTo(404);
        assertThat(endpoints.get(get("/admin/journeys/promo", "version=9", Map.of("id", "promo"))).status()).isEqualTo(404);
        assertThat(endpoints.get(get("/admin/journeys/promo", "version=x", Map.of("id", "promo"))).status()).isEqualTo(400);
        assertThat(endpoints.get(get("/admin/journeys/..%2F", "", Map.of("id", "../"))).status()).isEqualTo(404);
    }

    private static GatewayRequest get(String path, String query, Map<String, String> pathParameters) {
        return new GatewayRequest("GET", path, query, Map.of(), new byte[0], "127.0.0.1", "GET /admin/journeys/{id}",
                pathParameters);
    }

    @Test
    void deploy_whenTheVersionExistsWithOtherContent_answers409() {
        endpoints.deploy(post(DOCUMENT));

        GatewayReply reply = endpoints.deploy(post(DOCUMENT.replace("\"template\":\"promo\"", "\"template\":\"promo-2\"")));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(body(reply)).contains("deployed with different content");
    }

    @Test
    void deploy_whenNotJsonOrEmpty_answers400() {
        assertThat(endpoints.deploy(post("{")).status()).isEqualTo(400);
        assertThat(endpoints.deploy(post("")).status()).isEqualTo(400);
    }

    @Test
    void routes_answer401WithoutTheAdminTokenAndDeployWithIt() throws Exception {
        Routes routes = endpoints.addTo(Routes.builder()).build();
        var found = (Routes.Resolution.Found) routes.resolve("POST", "/admin/journeys");

        assertThat(found.route().endpoint().handle(post(DOCUMENT)).status()).isEqualTo(401);
        assertThat(store.current()).isEmpty();
        assertThat(found.route().endpoint().handle(post(DOCUMENT, Map.of("authorization", "Bearer " + token.value()))).status())
                .isEqualTo(201);
    }
}
