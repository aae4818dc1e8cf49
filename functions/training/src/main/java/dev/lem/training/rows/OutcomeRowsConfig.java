package dev.lem.training.rows;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** The outcome-rows function's configuration: the table it reads leads from and writes training rows to. */
public record OutcomeRowsConfig(AwsConfig aws, String tableName) {

    public static OutcomeRowsConfig fromEnv(Map<String, String> env) {
        return new OutcomeRowsConfig(AwsConfig.fromEnv(env), Env.of(env).required(EnvNames.TABLE_NAME));
    }
}
