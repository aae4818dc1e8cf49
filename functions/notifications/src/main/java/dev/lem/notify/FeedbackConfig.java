package dev.lem.notify;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** The SES feedback consumer's configuration: the table, the bus and the identity key (recipient hashes). */
public record FeedbackConfig(AwsConfig aws, String tableName, String busName, byte[] identityKey) {

    public static FeedbackConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new FeedbackConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME), e.required(EnvNames.EVENT_BUS_NAME),
                e.requiredKey(EnvNames.IDENTITY_KEY));
    }
}
