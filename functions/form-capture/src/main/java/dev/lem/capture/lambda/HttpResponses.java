package dev.lem.capture.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.capture.CaptureOutcome;
import dev.lem.capture.SubmissionFormat;
import dev.lem.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome → HTTP: an HTML form post gets a 303 to the thank-you page (or an HTML error page); a JSON
 * post gets JSON ({@code {"leadId"}} or {@code {"error", "fields"}}). Field errors name the fields.
 */
final class HttpResponses {
    private HttpResponses() {}

    static APIGatewayV2HTTPResponse of(CaptureOutcome outcome) {
        return switch (outcome) {
            case CaptureOutcome.Captured c when c.format() == SubmissionFormat.FORM && c.form().thankYouUrl() != null ->
                    response(303, Map.of("Location", c.form().thankYouUrl()), "text/plain; charset=utf-8", "");
            case CaptureOutcome.Captured c -> json(201, Map.of("leadId", c.leadId().value(), "newLead", c.newLead()));
            case CaptureOutcome.Rejected r when r.format() == SubmissionFormat.FORM ->
                    response(r.status(), Map.of(), "text/html; charset=utf-8", errorPage(r));
            case CaptureOutcome.Rejected r -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", r.message());
                if (!r.fieldErrors().isEmpty()) {
                    body.put("fields", r.fieldErrors());
                }
                yield json(r.status(), body);
            }
        };
    }

    /** The store or bus failed on AWS's side: nothing half-done is visible, the client may retry. */
    static APIGatewayV2HTTPResponse unavailable() {
        APIGatewayV2HTTPResponse response = json(503, Map.of("error", "temporarily unavailable, please retry"));
        response.getHeaders().put("Retry-After", "5");
        return response;
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, Map.of(), "application/json", Json.write(body));
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> extra, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    private static String errorPage(CaptureOutcome.Rejected rejected) {
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Please check the form</title>")
                .append("<h1>Please check the form</h1><p>").append(escape(rejected.message())).append("</p><ul>");
        rejected.fieldErrors().values().forEach(e -> html.append("<li>").append(escape(e)).append("</li>"));
        return html.append("</ul><p><a href=\"javascript:history.back()\">Back to the form</a></p>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
