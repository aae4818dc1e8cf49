package dev.lem.scoring;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** Scoring's configuration, validated at cold start. */
public record ScoringConfig(AwsConfig aws, String tableName, String busName) {

    public static ScoringConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new ScoringConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME), e.required(EnvNames.EVENT_BUS_NAME));
    }
}
