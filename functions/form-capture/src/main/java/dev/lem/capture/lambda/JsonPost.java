package dev.lem.capture.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request checks the admin JSON endpoints ({@code POST /activities}, {@code POST /outcomes}) share: POST only
 * (405), {@code application/json} only (415), a base64 body that decodes (400). Either the body or the rejection.
 */
record JsonPost(String body, APIGatewayV2HTTPResponse rejection) {

    static JsonPost read(APIGatewayV2HTTPEvent event) {
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("POST").toUpperCase(Locale.ROOT);
        if (!method.equals("POST")) {
            return rejected(405, "method not allowed");
        }
        String contentType = Optional.ofNullable(event.getHeaders()).flatMap(h -> h.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst())
                .orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip().equals("application/json")) {
            return rejected(415, "Content-Type must be application/json");
        }
        String body = Optional.ofNullable(event.getBody()).orElse("");
        if (event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return rejected(400, "body is not valid base64");
            }
        }
        return new JsonPost(body, null);
    }

    boolean rejected() {
        return rejection != null;
    }

    private static JsonPost rejected(int status, String error) {
        return new JsonPost(null, HttpResponses.json(status, Map.of("error", error)));
    }
}
