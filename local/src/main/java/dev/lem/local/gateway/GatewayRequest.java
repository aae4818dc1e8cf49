package dev.lem.local.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the local gateway read it, after routing.
 *
 * @param rawPath        the path as sent, still percent-encoded
 * @param rawQuery       the query string as sent, without {@code ?}; empty when there is none
 * @param headers        header names lower-cased, repeated headers joined with {@code ,} (as API Gateway does)
 * @param sourceIp       the client's address
 * @param routeKey       the matched route, e.g. {@code POST /f/{formId}}
 * @param pathParameters the route's path variables, percent-decoded
 */
public record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
                             String sourceIp, String routeKey, Map<String, String> pathParameters) {

    public GatewayRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        pathParameters = Map.copyOf(pathParameters);
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The first value of a query parameter, percent-decoded. */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(QueryStrings.parse(rawQuery).get(name)).map(v -> v.split(",", -1)[0]);
    }

    public String pathParameter(String name) {
        return pathParameters.getOrDefault(name, "");
    }

    @Override
    public String toString() {
        return "GatewayRequest[" + routeKey + "]";
    }
}
