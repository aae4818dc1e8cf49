package dev.lem.notify;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** Erasure's ({@code DELETE /leads/{id}}) configuration: the table, the identity key, the timers' schedule group. */
public record ErasureConfig(AwsConfig aws, String tableName, byte[] identityKey, String scheduleGroup) {

    public static ErasureConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new ErasureConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.requiredKey(EnvNames.IDENTITY_KEY), e.required(EnvNames.SCHEDULE_GROUP));
    }
}
