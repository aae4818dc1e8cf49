package dev.lem.capture.outcomes;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;

import java.util.Map;

/** The outcomes function's configuration, validated at cold start. */
public record OutcomesConfig(AwsConfig aws, String tableName, String busName, String activityQueueUrl,
                             byte[] identityKey) {

    public static OutcomesConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new OutcomesConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.EVENT_BUS_NAME), e.required(EnvNames.ACTIVITY_QUEUE_URL), e.requiredKey(EnvNames.IDENTITY_KEY));
    }

    @Override
    public String toString() {
        return "OutcomesConfig[table=" + tableName + ", bus=" + busName + "]";
    }
}
