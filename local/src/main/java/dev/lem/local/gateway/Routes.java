package dev.lem.local.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The gateway's route table: {@code METHOD /path/{variable}} → endpoint, matched segment by segment like
 * API Gateway's route keys. A path that matches with another method is a 405, no match at all a 404.
 */
public final class Routes {

    /** One route; {@code {name}} in the template matches one non-empty path segment. */
    public record Route(String method, String pathTemplate, Endpoint endpoint) {
        public String routeKey() {
            return method + " " + pathTemplate;
        }

        Optional<Map<String, String>> match(String rawPath) {
            String[] template = pathTemplate.split("/", -1);
            String[] path = rawPath.split("/", -1);
            if (template.length != path.length) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                String expected = template[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    if (path[i].isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(expected.substring(1, expected.length() - 1), decodePathSegment(path[i]));
                } else if (!expected.equals(path[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }

    /** What the table says about a request. */
    public sealed interface Resolution {
        record Found(Route route, Map<String, String> pathParameters) implements Resolution {}

        record MethodNotAllowed(List<String> allowed) implements Resolution {}

        record NotFound() implements Resolution {}
    }

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Route> all() {
        return routes;
    }

    public Resolution resolve(String method, String rawPath) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(rawPath);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(method.toUpperCase(Locale.ROOT))) {
                return new Resolution.Found(route, parameters.get());
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Resolution.NotFound() : new Resolution.MethodNotAllowed(List.copyOf(allowed));
    }

    /** Percent-decodes a path segment ({@code +} stays a plus); a broken escape is kept as sent. */
    static String decodePathSegment(String raw) {
        return QueryStrings.decode(raw.replace("+", "%2B"));
    }

    /** Collects routes in order; the first route that matches path and method wins. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        public Builder get(String pathTemplate, Endpoint endpoint) {
            return add("GET", pathTemplate, endpoint);
        }

        public Builder post(String pathTemplate, Endpoint endpoint) {
            return add("POST", pathTemplate, endpoint);
        }

        public Builder add(String method, String pathTemplate, Endpoint endpoint) {
            routes.add(new Route(method.toUpperCase(Locale.ROOT), pathTemplate, endpoint));
            return this;
        }

        public Routes build() {
            return new Routes(routes);
        }
    }
}
