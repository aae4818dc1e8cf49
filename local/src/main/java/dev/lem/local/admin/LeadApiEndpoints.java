package dev.lem.local.admin;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.config.FunctionName;
import dev.lem.local.gateway.Endpoint;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.LambdaEndpoint;
import dev.lem.local.gateway.Routes;
import java.time.Clock;

/**
 * The admin API's routes on {@code lem up}, the same as the deployed HTTP API's ({@code GET /leads?email=},
 * {@code /leads/{id}}, {@code /leads/{id}/score}, {@code /reports/cost}), served by the real api handler. Where AWS asks for a SigV4
 * signature (IAM), {@code lem up} asks for the run's admin token: {@code Authorization: Bearer <adminToken>} from
 * {@code .lem/local.json}.
 */
public final class LeadApiEndpoints {

    private final AdminToken token;
    private final Endpoint api;

    public LeadApiEndpoints(AdminToken token, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                            Clock clock) {
        this.token = token;
        this.api = new LambdaEndpoint(FunctionName.API, handler, clock);
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.get("/leads", guarded())
                .get("/leads/{id}", guarded())
                .get("/leads/{id}/score", guarded())
                .get("/reports/cost", guarded());
    }

    private Endpoint guarded() {
        return request -> token.authorizes(request.header("authorization")) ? api.handle(request)
                : GatewayReply.error(401, "admin token required: Authorization: Bearer <adminToken from .lem/local.json>")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"lem up admin\"");
    }
}
