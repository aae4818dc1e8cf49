package dev.lem.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status and body of an admin response: a JSON body (errors are {@code {"error": "..."}}), or with a
 * {@code contentType} other than JSON, a text body sent as is (the dashboard page).
 */
public record ApiResponse(int status, Object body, String contentType) {

    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse(int status, Object body) {
        this(status, body, JSON);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    /** A text page (HTML, JavaScript) sent as is. */
    public static ApiResponse text(String body, String contentType) {
        return new ApiResponse(200, body, contentType);
    }

    public boolean isJson() {
        return JSON.equals(contentType);
    }

    public static ApiResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new ApiResponse(status, body);
    }
}
