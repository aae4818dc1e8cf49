package dev.lem.routing.admin;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** The journeys function's configuration, validated at cold start: only the table the journeys live in. */
public record JourneyAdminConfig(AwsConfig aws, String tableName) {

    public static JourneyAdminConfig fromEnv(Map<String, String> env) {
        return new JourneyAdminConfig(AwsConfig.fromEnv(env), Env.of(env).required(EnvNames.TABLE_NAME));
    }
}
