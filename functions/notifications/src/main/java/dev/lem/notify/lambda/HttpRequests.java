package dev.lem.notify.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Small helpers the notifications HTTP handlers share: method, path parameter, bounded form body, responses. */
final class HttpRequests {

    /** A form body larger than this is refused (413): the page posts a handful of fields. */
    static final int MAX_BODY_BYTES = 4_096;

    private HttpRequests() {}

    static String method(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("").toUpperCase(Locale.ROOT);
    }

    static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get(name)).orElse("");
    }

    /** The body as text, or empty when it is too large or not decodable. */
    static Optional<String> body(APIGatewayV2HTTPEvent event) {
        String body = Optional.ofNullable(event.getBody()).orElse("");
        if (body.length() > MAX_BODY_BYTES * 2) {
            return Optional.empty();
        }
        String text;
        if (event.getIsBase64Encoded()) {
            try {
                text = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            text = body;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(text);
    }

    /** {@code application/x-www-form-urlencoded} fields; the first value of a repeated name wins. */
    static Optional<Map<String, String>> formFields(String body) {
        return dev.lem.lambda.FormFields.parse(body);
    }

    static APIGatewayV2HTTPResponse html(int status, String html) {
        return response(status, "text/html; charset=utf-8", html);
    }

    static APIGatewayV2HTTPResponse text(int status, String text) {
        return response(status, "text/plain; charset=utf-8", text);
    }

    static APIGatewayV2HTTPResponse empty(int status) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(new LinkedHashMap<>(Map.of(
                "Cache-Control", "no-store"))).build();
    }

    static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }
}
