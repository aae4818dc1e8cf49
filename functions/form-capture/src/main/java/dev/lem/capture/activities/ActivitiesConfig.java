package dev.lem.capture.activities;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** The activities function's configuration, validated at cold start. */
public record ActivitiesConfig(AwsConfig aws, String tableName, String activityQueueUrl, byte[] identityKey) {

    public static ActivitiesConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new ActivitiesConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.ACTIVITY_QUEUE_URL), e.requiredKey(EnvNames.IDENTITY_KEY));
    }

    @Override
    public String toString() {
        return "ActivitiesConfig[table=" + tableName + "]";
    }
}
