package dev.lem.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.config.FunctionName;
import dev.lem.local.LocalLambdaContext;
import java.time.Clock;
import java.util.UUID;

/** A route served by a real Lambda handler: the request as an HTTP API event in, its response out. */
public final class LambdaEndpoint implements Endpoint {

    private final FunctionName function;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final Clock clock;

    public LambdaEndpoint(FunctionName function, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                          Clock clock) {
        this.function = function;
        this.handler = handler;
        this.clock = clock;
    }

    @Override
    public GatewayReply handle(GatewayRequest request) {
        String requestId = UUID.randomUUID().toString();
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, requestId, clock.instant());
        return ApiGatewayEvents.toReply(handler.handleRequest(event, LocalLambdaContext.invoke(function, requestId)));
    }
}
