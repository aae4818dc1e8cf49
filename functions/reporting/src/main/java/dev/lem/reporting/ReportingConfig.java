package dev.lem.reporting;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** Reporting's configuration, validated at cold start: the table its counters live in. */
public record ReportingConfig(AwsConfig aws, String tableName) {

    public static ReportingConfig fromEnv(Map<String, String> env) {
        return new ReportingConfig(AwsConfig.fromEnv(env), Env.of(env).required(EnvNames.TABLE_NAME));
    }
}
