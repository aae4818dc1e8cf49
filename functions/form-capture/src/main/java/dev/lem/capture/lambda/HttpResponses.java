package dev.lem.capture.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.capture.CaptureOutcome;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormCaptureService.PreflightOutcome;
import dev.lem.capture.FormCaptureService.TokenOutcome;
import dev.lem.capture.SubmissionFormat;
import dev.lem.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Outcome → HTTP: an HTML form post gets a 303 to the thank-you page (or back to the form with
 * {@code lem_errors}, or an HTML error page); a JSON post gets JSON ({@code {"leadId"}} or
 * {@code {"error", "fields"}}). Field errors name the fields. Responses to an allowed Origin carry CORS headers.
 */
final class HttpResponses {

    static final String ALLOWED_METHODS = "POST";
    static final String ALLOWED_HEADERS = "Content-Type, X-Lem-Token, Idempotency-Key";

    private HttpResponses() {}

    static APIGatewayV2HTTPResponse of(CaptureOutcome outcome) {
        APIGatewayV2HTTPResponse response = switch (outcome) {
            case CaptureOutcome.Captured c when c.format() == SubmissionFormat.FORM && c.form().thankYouUrl() != null ->
                    redirect(c.form().thankYouUrl());
            case CaptureOutcome.Captured c -> json(201, Map.of("leadId", c.leadId().value(), "newLead", c.newLead()));
            case CaptureOutcome.Ignored i when i.format() == SubmissionFormat.FORM && i.form().thankYouUrl() != null ->
                    redirect(i.form().thankYouUrl());
            case CaptureOutcome.Ignored i -> json(201, Map.of("leadId", i.decoyId().value(), "newLead", true));
            case CaptureOutcome.Rejected r when r.format() == SubmissionFormat.FORM && r.returnTo().isPresent() ->
                    redirect(r.returnTo().get());
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
        if (outcome instanceof CaptureOutcome.Rejected r) {
            r.retryAfterSeconds().ifPresent(s -> response.getHeaders().put("Retry-After", Long.toString(Math.max(1, s))));
        }
        return withCors(response, outcome.corsOrigin());
    }

    static APIGatewayV2HTTPResponse of(TokenOutcome outcome) {
        return switch (outcome) {
            case TokenOutcome.Issued i -> withCors(json(200, Map.of("token", i.token())), i.corsOrigin());
            case TokenOutcome.UnknownForm u -> json(404, Map.of("error", "unknown form"));
        };
    }

    static APIGatewayV2HTTPResponse of(PreflightOutcome outcome) {
        return switch (outcome) {
            case PreflightOutcome.Allowed a -> {
                APIGatewayV2HTTPResponse response = withCors(response(204, Map.of(), "text/plain; charset=utf-8", ""),
                        Optional.of(a.origin()));
                response.getHeaders().put("Access-Control-Allow-Methods", ALLOWED_METHODS);
                response.getHeaders().put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                response.getHeaders().put("Access-Control-Max-Age", "600");
                yield response;
            }
            case PreflightOutcome.Refused r when r.unknownForm() -> json(404, Map.of("error", "unknown form"));
            case PreflightOutcome.Refused r -> withCors(response(204, Map.of(), "text/plain; charset=utf-8", ""),
                    Optional.empty());
        };
    }

    static APIGatewayV2HTTPResponse of(FormCaptureService.ConfirmOutcome outcome) {
        return switch (outcome) {
            case FormCaptureService.ConfirmOutcome.Confirmed c when c.form().thankYouUrl() != null -> redirect(c.form().thankYouUrl());
            case FormCaptureService.ConfirmOutcome.Confirmed c -> response(200, Map.of(), "text/html; charset=utf-8",
                    "<!doctype html><meta charset=utf-8><title>Subscription confirmed</title><h1>Thank you!</h1>"
                            + "<p>Your subscription is confirmed.</p>");
            case FormCaptureService.ConfirmOutcome.Refused r -> response(r.status(), Map.of(), "text/html; charset=utf-8",
                    "<!doctype html><meta charset=utf-8><title>Confirmation</title><h1>We could not confirm</h1><p>"
                            + escape(r.message()) + "</p>");
        };
    }

    /** The store or bus failed on AWS's side: nothing half-done is visible, the client may retry. */
    static APIGatewayV2HTTPResponse unavailable() {
        APIGatewayV2HTTPResponse response = json(503, Map.of("error", "temporarily unavailable, please retry"));
        response.getHeaders().put("Retry-After", "5");
        return response;
    }

    static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, Map.of(), "application/json", Json.write(body));
    }

    private static APIGatewayV2HTTPResponse redirect(String location) {
        return response(303, Map.of("Location", location), "text/plain; charset=utf-8", "");
    }

    /** Responses vary by Origin whether or not it was allowed, so caches never mix them up. */
    private static APIGatewayV2HTTPResponse withCors(APIGatewayV2HTTPResponse response, Optional<String> origin) {
        response.getHeaders().put("Vary", "Origin");
        origin.ifPresent(o -> response.getHeaders().put("Access-Control-Allow-Origin", o));
        return response;
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
