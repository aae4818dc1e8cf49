package dev.lem.local.admin;

import dev.lem.journey.JourneyAdmin;
import dev.lem.journey.JourneyParser;
import dev.lem.local.gateway.Endpoint;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import dev.lem.store.DynamoDbJourneyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Journeys on a running {@code lem up}, with the admin token: the routes of the deployed admin API
 * ({@code POST /admin/journeys}, {@code GET /admin/journeys}, {@code GET /admin/journeys/{id}}), answered by the
 * same {@link JourneyAdmin} as the journeys function (201 created, 200 unchanged, 400 with every problem and its
 * JSON pointer, 409 when the version exists with other content).
 */
public final class JourneyAdminEndpoints {

    private final AdminToken token;
    private final JourneyAdmin admin;

    public JourneyAdminEndpoints(AdminToken token, JourneyAdmin admin) {
        this.token = token;
        this.admin = admin;
    }

    /** The endpoints over the journeys stored in {@code table}, under the built-in ones. */
    public static JourneyAdminEndpoints onTable(AdminToken token, DynamoDbClient dynamo, String table) {
        JourneyParser parser = JourneyParser.create();
        return new JourneyAdminEndpoints(token, JourneyAdmin.over(parser, new DynamoDbJourneyStore(dynamo, table, parser)));
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.post("/admin/journeys", guarded(this::deploy))
                .get("/admin/journeys", guarded(r -> list()))
                .get("/admin/journeys/{id}", guarded(this::get));
    }

    private Endpoint guarded(Endpoint endpoint) {
        return request -> token.authorizes(request.header("authorization")) ? endpoint.handle(request)
                : GatewayReply.error(401, "admin token required: Authorization: Bearer <adminToken from .lem/local.json>")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"lem up admin\"");
    }

    GatewayReply deploy(GatewayRequest request) {
        return reply(admin.deploy(request.body()));
    }

    GatewayReply list() {
        return reply(admin.list());
    }

    GatewayReply get(GatewayRequest request) {
        return reply(admin.get(request.pathParameter("id"), request.queryParameter("version")));
    }

    private static GatewayReply reply(JourneyAdmin.Reply reply) {
        return GatewayReply.json(reply.status(), reply.body());
    }
}
