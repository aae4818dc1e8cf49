package dev.lem.capture;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** Form capture's configuration, validated at cold start. */
public record FormCaptureConfig(AwsConfig aws, String tableName, String busName, String activityQueueUrl,
                                byte[] identityKey) {

    public static FormCaptureConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new FormCaptureConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.EVENT_BUS_NAME), e.required(EnvNames.ACTIVITY_QUEUE_URL), e.requiredKey(EnvNames.IDENTITY_KEY));
    }
}
