package dev.lem.api;

import java.util.Map;

/**
 * One report endpoint ({@code GET /reports/<name>}): its query parameters in, a response out. The cost report plugs in
 * through this interface; {@link #notImplemented} answers 501 until a cost model is configured.
 */
@FunctionalInterface
public interface ReportEndpoint {

    ApiResponse handle(Map<String, String> query);

    /** A report this deployment does not compute: 501 with a JSON error naming it. */
    static ReportEndpoint notImplemented(String report) {
        return query -> ApiResponse.error(501, "the " + report + " report is not available in this deployment");
    }
}
