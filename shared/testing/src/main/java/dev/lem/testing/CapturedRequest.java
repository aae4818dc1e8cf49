package dev.lem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lem.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the SDK sent it. */
public record CapturedRequest(String method, String url, Map<String, String> headers, String body) {

    static CapturedRequest of(LoggedRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().all().forEach(h -> headers.put(h.key().toLowerCase(java.util.Locale.ROOT), h.firstValue()));
        return new CapturedRequest(request.getMethod().value(), request.getUrl(), Map.copyOf(headers),
                request.getBodyAsString());
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The body as JSON (EventBridge, Scheduler, SES v2). */
    public JsonNode json() {
        return Json.tree(body);
    }

    /** The body as form fields (SNS's query protocol). */
    public Map<String, String> form() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
