package dev.lem.config;

/**
 * The Lambda functions: name, module folder, handler class and shaded jar. Infra deploys exactly these and
 * {@code lem up} runs the same handler classes. A function may share its module's jar with another (its own
 * handler class, its own role and settings).
 */
public enum FunctionName {
    FORM_CAPTURE("form-capture", "dev.lem.capture.lambda.FormCaptureHandler"),
    TRACKING("tracking", "dev.lem.tracking.lambda.TrackingHandler"),
    SCORING("scoring", "dev.lem.scoring.lambda.ScoringHandler"),
    ROUTER("router", "dev.lem.routing.lambda.RouterHandler"),
    DRIP("drip", "dev.lem.drip.lambda.DripHandler"),
    NOTIFICATIONS("notifications", "dev.lem.notify.lambda.NotificationsHandler"),
    /** {@code POST /activities}: offline and call-centre activity, from form-capture's jar. */
    ACTIVITIES("activities", "form-capture", "dev.lem.capture.lambda.ActivitiesHandler"),
    /** The admin API: GET /leads, /leads/{id}, /leads/{id}/score. */
    API("api", "dev.lem.api.lambda.ApiHandler"),
    /** {@code POST /outcomes}: won/lost/disqualified reports from a CRM or call centre, from form-capture's jar. */
    OUTCOMES("outcomes", "form-capture", "dev.lem.capture.lambda.OutcomesHandler"),
    /** Report counters from bus events, through the reporting queue. */
    REPORTING("reporting", "dev.lem.reporting.lambda.ReportingHandler"),
    /** The journey admin API (POST /admin/journeys, GET /admin/journeys[/{id}]), from router's jar (parser, schema). */
    JOURNEYS("journeys", "router", "dev.lem.routing.lambda.JourneyAdminHandler");

    private final String id;
    private final String module;
    private final String handlerClass;

    FunctionName(String id, String handlerClass) {
        this(id, id, handlerClass);
    }

    FunctionName(String id, String module, String handlerClass) {
        this.id = id;
        this.module = module;
        this.handlerClass = handlerClass;
    }

    /** Short name of the function ({@code lem-<id>}). */
    public String id() {
        return id;
    }

    /** The module folder under {@code functions/} whose shaded jar holds the handler. */
    public String module() {
        return module;
    }

    /** Lambda handler string. Stream handlers take the class name only. */
    public String handler() {
        return handlerClass + "::handleRequest";
    }

    public String handlerClass() {
        return handlerClass;
    }

    /** Path of the shaded jar relative to the repository root, built by {@code mvn package}. */
    public String jarPath() {
        return "functions/" + module + "/target/lem-" + module + ".jar";
    }
}
