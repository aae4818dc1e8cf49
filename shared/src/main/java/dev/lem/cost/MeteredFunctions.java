package dev.lem.cost;

import java.util.List;

/**
 * The values the {@code function} dimension of the LEM metrics takes: one per metered handler class
 * ({@code dev.lem.lambda.InvocationMetering#functionOf}): the {@code FunctionName} ids and the notification
 * endpoints' handlers. The cost report reads exactly these series; a test in {@code local} checks that every metered
 * handler is listed.
 */
public final class MeteredFunctions {

    public static final List<String> ALL = List.of("form-capture", "tracking", "scoring", "router", "drip", "notifications",
            "activities", "api", "outcomes", "feedback", "preferences", "erasure", "reporting", "journey-admin",
            "outcome-rows", "training");

    private MeteredFunctions() {}
}
