package dev.lem.config;

/**
 * The Lambda functions: module folder, handler class and shaded jar. Infra deploys exactly these and
 * {@code lem up} runs the same handler classes.
 */
public enum FunctionName {
    FORM_CAPTURE("form-capture", "dev.lem.capture.lambda.FormCaptureHandler"),
    TRACKING("tracking", "dev.lem.tracking.lambda.TrackingHandler"),
    SCORING("scoring", "dev.lem.scoring.lambda.ScoringHandler"),
    ROUTER("router", "dev.lem.routing.lambda.RouterHandler"),
    DRIP("drip", "dev.lem.drip.lambda.DripHandler"),
    NOTIFICATIONS("notifications", "dev.lem.notify.lambda.NotificationsHandler"),
    API("api", "dev.lem.api.lambda.ApiHandler");

    private final String id;
    private final String handlerClass;

    FunctionName(String id, String handlerClass) {
        this.id = id;
        this.handlerClass = handlerClass;
    }

    /** Short name, also the module folder under {@code functions/}. */
    public String id() {
        return id;
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
        return "functions/" + id + "/target/lem-" + id + ".jar";
    }
}
