package dev.lem.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status and JSON body of an admin response; errors are {@code {"error": "..."}}. */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new ApiResponse(status, body);
    }
}
