package dev.lem.routing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.journey.JourneyAdmin;
import dev.lem.journey.JourneyParser;
import dev.lem.routing.admin.JourneyAdminConfig;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journeys function (payload format 2.0, IAM-authorised routes): {@code POST /admin/journeys} deploys a journey
 * document, {@code GET /admin/journeys} lists the latest versions, {@code GET /admin/journeys/{id}} answers one
 * journey (optionally {@code ?version=N}). The rules and answers are {@link JourneyAdmin}'s, the same as
 * {@code lem up}'s; this adapter checks the method, the content type and the body's encoding, and turns DynamoDB
 * being unavailable into a 503 with Retry-After.
 */
public final class JourneyAdminHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(JourneyAdminHandler.class);
    private static final String COLLECTION = "/admin/journeys";

    private final JourneyAdmin admin;

    public JourneyAdminHandler() {
        this(wire(JourneyAdminConfig.fromEnv(Env.system())));
    }

    public JourneyAdminHandler(JourneyAdmin admin) {
        this.admin = admin;
    }

    public static JourneyAdmin wire(JourneyAdminConfig config) {
        JourneyParser parser = JourneyParser.create();
        return JourneyAdmin.over(parser, new DynamoDbJourneyStore(AwsClients.dynamoDb(config.aws()), config.tableName(), parser));
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("").toUpperCase(Locale.ROOT);
        String path = Optional.ofNullable(event.getRawPath()).orElse("");
        JourneyAdmin.Reply reply;
        try {
            reply = answer(method, path, event);
        } catch (StoreUnavailableException e) {
            LOG.warn("journey admin failed method={} reason=store-unavailable", method);
            return respond(new JourneyAdmin.Reply(503, Map.of("error", "journey store unavailable; retry later")),
                    Map.of("Retry-After", "5"));
        }
        LOG.info("journey admin method={} status={}", method, reply.status());
        return respond(reply, reply.status() == 405 ? Map.of("Allow", path.equals(COLLECTION) ? "GET, POST" : "GET") : Map.of());
    }

    private JourneyAdmin.Reply answer(String method, String path, APIGatewayV2HTTPEvent event) {
        if (path.equals(COLLECTION)) {
            return switch (method) {
                case "GET" -> admin.list();
                case "POST" -> deploy(event);
                default -> error(405, "method not allowed");
            };
        }
        if (path.startsWith(COLLECTION + "/") && path.indexOf('/', COLLECTION.length() + 1) < 0) {
            if (!method.equals("GET")) {
                return error(405, "method not allowed");
            }
            String id = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id"))
                    .orElse(path.substring(COLLECTION.length() + 1));
            return admin.get(id, Optional.ofNullable(event.getQueryStringParameters()).map(q -> q.get("version")));
        }
        return error(404, "not found");
    }

    private JourneyAdmin.Reply deploy(APIGatewayV2HTTPEvent event) {
        String contentType = Optional.ofNullable(event.getHeaders()).flatMap(h -> h.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst()).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip().equals("application/json")) {
            return error(415, "Content-Type must be application/json");
        }
        String body = Optional.ofNullable(event.getBody()).orElse("");
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return error(400, "body is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return admin.deploy(bytes);
    }

    private static JourneyAdmin.Reply error(int status, String message) {
        return new JourneyAdmin.Reply(status, Map.of("error", message));
    }

    private static APIGatewayV2HTTPResponse respond(JourneyAdmin.Reply reply, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of(
                "Content-Type", "application/json; charset=utf-8",
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"));
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(reply.status()).withHeaders(headers)
                .withBody(reply.json()).build();
    }
}
