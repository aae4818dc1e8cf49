package dev.lem.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between HTTP and API Gateway's HTTP API payload format 2.0, as a Lambda behind it sees it:
 * lower-case headers, cookies split out, decoded query parameters, path parameters, and a body that is
 * text when the media type is textual and valid UTF-8, base64 otherwise.
 */
public final class ApiGatewayEvents {

    public static final String ACCOUNT_ID = "000000000000";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {}

    public static APIGatewayV2HTTPEvent toEvent(GatewayRequest request, String requestId, Instant receivedAt) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        List<String> cookies = cookies(headers.remove("cookie"));
        Map<String, String> query = QueryStrings.parse(request.rawQuery());
        Optional<String> textBody = request.body().length == 0 ? Optional.empty()
                : text(request.header("content-type").orElse(""), request.body());
        String body = request.body().length == 0 ? null
                : textBody.orElseGet(() -> Base64.getEncoder().encodeToString(request.body()));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(request.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(request.pathParameters().isEmpty() ? null : request.pathParameters())
                .withBody(body)
                .withIsBase64Encoded(body != null && textBody.isEmpty())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(request.routeKey())
                        .withAccountId(ACCOUNT_ID)
                        .withApiId("local")
                        .withStage("$default")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withDomainPrefix("local")
                        .withRequestId(requestId)
                        .withTime(REQUEST_TIME.format(receivedAt))
                        .withTimeEpoch(receivedAt.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method())
                                .withPath(request.rawPath())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(request.sourceIp())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /**
     * The handler's response as HTTP. A base64 body that does not decode is the handler's fault.
     *
     * @throws IllegalStateException when the response is missing or its base64 body is broken
     */
    public static GatewayReply toReply(APIGatewayV2HTTPResponse response) {
        if (response == null) {
            throw new IllegalStateException("handler returned no response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        }
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes;
        if (response.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("handler returned a body that is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        return new GatewayReply(status, headers, bytes, response.getCookies());
    }

    /** The body as text when its media type is textual and the bytes are valid UTF-8. */
    static Optional<String> text(String contentType, byte[] body) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean textual = mediaType.startsWith("text/") || mediaType.endsWith("+json") || mediaType.endsWith("+xml")
                || List.of("application/json", "application/x-www-form-urlencoded", "application/xml",
                "application/javascript").contains(mediaType);
        if (!textual) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static List<String> cookies(String cookieHeader) {
        List<String> cookies = new ArrayList<>();
        if (cookieHeader == null) {
            return cookies;
        }
        for (String cookie : cookieHeader.split(";")) {
            if (!cookie.isBlank()) {
                cookies.add(cookie.strip());
            }
        }
        return cookies;
    }
}
