package dev.lem.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Optional;

/** Cookies of an HTTP API request (API Gateway puts them in {@code cookies}, one {@code name=value} each). */
public final class RequestCookies {
    private RequestCookies() {}

    /** The first cookie of that name, unvalidated. */
    public static Optional<String> find(APIGatewayV2HTTPEvent event, String name) {
        if (event.getCookies() == null) {
            return Optional.empty();
        }
        String prefix = name + "=";
        for (String cookie : event.getCookies()) {
            if (cookie == null) {
                continue;
            }
            for (String part : cookie.split(";")) {
                String pair = part.strip();
                if (pair.startsWith(prefix)) {
                    return Optional.of(pair.substring(prefix.length()));
                }
            }
        }
        return Optional.empty();
    }
}
