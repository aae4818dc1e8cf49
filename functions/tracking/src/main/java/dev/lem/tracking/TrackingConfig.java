package dev.lem.tracking;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** Tracking's configuration, validated at cold start. */
public record TrackingConfig(AwsConfig aws, String activityQueueUrl, byte[] trackingKey) {

    public static TrackingConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new TrackingConfig(AwsConfig.fromEnv(env), e.required(EnvNames.ACTIVITY_QUEUE_URL),
                e.requiredKey(EnvNames.TRACKING_KEY));
    }
}
