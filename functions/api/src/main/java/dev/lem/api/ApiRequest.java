package dev.lem.api;

import java.util.Map;
import java.util.Objects;

/** One admin request: method, path and single-valued query parameters, as the gateway handed them over. */
public record ApiRequest(String method, String path, Map<String, String> query) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : Map.copyOf(query);
    }
}
