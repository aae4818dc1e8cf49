package dev.lem.drip;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;
import java.util.Optional;

/**
 * Drip's configuration, validated at cold start. Drip schedules the next wait of a journey itself, in the same
 * group with the same role as the router; the timer targets the drip alias that fired (from the invocation).
 */
public record DripConfig(AwsConfig aws, String tableName, String notifyQueueUrl, String scheduleGroup,
                         String schedulerRoleArn, Optional<String> schedulerDeadLetterArn, String activityQueueUrl) {

    public static DripConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new DripConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME), e.required(EnvNames.NOTIFY_QUEUE_URL),
                e.required(EnvNames.SCHEDULE_GROUP), e.required(EnvNames.SCHEDULER_ROLE_ARN),
                e.optional(EnvNames.SCHEDULER_DLQ_ARN), e.required(EnvNames.ACTIVITY_QUEUE_URL));
    }
}
