package dev.lem.local.admin;

import dev.lem.journey.BuiltInJourneys;
import dev.lem.journey.InvalidJourneyException;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.LayeredJourneySource;
import dev.lem.store.DynamoDbJourneyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyDeployer;
import dev.lem.journey.JourneySource;
import dev.lem.journey.JourneyVersionConflictException;
import dev.lem.local.gateway.Endpoint;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Journeys on a running {@code lem up}, with the admin token: {@code POST /admin/journeys} deploys a journey
 * document (201 created, 200 unchanged, 422 invalid with every problem, 409 when the version exists with other
 * content), {@code GET /admin/journeys} lists the latest version of each journey (built-in ones included).
 */
public final class JourneyAdminEndpoints {

    private final AdminToken token;
    private final JourneyDeployer deployer;
    private final JourneySource journeys;

    public JourneyAdminEndpoints(AdminToken token, JourneyDeployer deployer, JourneySource journeys) {
        this.token = token;
        this.deployer = deployer;
        this.journeys = journeys;
    }

    /** The endpoints over the journeys stored in {@code table}, under the built-in ones. */
    public static JourneyAdminEndpoints onTable(AdminToken token, DynamoDbClient dynamo, String table) {
        JourneyParser parser = JourneyParser.create();
        DynamoDbJourneyStore store = new DynamoDbJourneyStore(dynamo, table, parser);
        return new JourneyAdminEndpoints(token, new JourneyDeployer(parser, store),
                new LayeredJourneySource(BuiltInJourneys.load(parser), store));
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.post("/admin/journeys", guarded(this::deploy)).get("/admin/journeys", guarded(r -> list()));
    }

    private Endpoint guarded(Endpoint endpoint) {
        return request -> token.authorizes(request.header("authorization")) ? endpoint.handle(request)
                : GatewayReply.error(401, "admin token required: Authorization: Bearer <adminToken from .lem/local.json>")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"lem up admin\"");
    }

    GatewayReply deploy(GatewayRequest request) {
        try {
            JourneyDeployer.Deployment deployment = deployer.deploy(new String(request.body(), StandardCharsets.UTF_8));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("journeyId", deployment.journeyId());
            body.put("version", deployment.version());
            body.put("result", deployment.result().name().toLowerCase(java.util.Locale.ROOT));
            return GatewayReply.json(deployment.result() == dev.lem.journey.JourneyStore.Deployed.CREATED ? 201 : 200, body);
        } catch (InvalidJourneyException e) {
            return GatewayReply.json(422, Map.of("error", "invalid journey", "problems", e.problems()));
        } catch (JourneyVersionConflictException e) {
            return GatewayReply.error(409, e.getMessage());
        }
    }

    GatewayReply list() {
        return GatewayReply.json(200, journeys.current().stream().map(JourneyAdminEndpoints::summary).toList());
    }

    private static Map<String, Object> summary(Journey journey) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("journeyId", journey.id());
        summary.put("version", journey.version());
        summary.put("name", journey.name());
        summary.put("steps", journey.steps().size());
        return summary;
    }
}
