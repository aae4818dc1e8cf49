package dev.lem.drip;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** Drip's configuration, validated at cold start. */
public record DripConfig(AwsConfig aws, String tableName, String notifyQueueUrl) {

    public static DripConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new DripConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME), e.required(EnvNames.NOTIFY_QUEUE_URL));
    }
}
