package dev.lem.api;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/** The admin API's configuration, validated at cold start: the table and the identity key (email → keyed hash). */
public record ApiConfig(AwsConfig aws, String tableName, byte[] identityKey) {

    public static ApiConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new ApiConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME), e.requiredKey(EnvNames.IDENTITY_KEY));
    }

    @Override
    public String toString() {
        return "ApiConfig[table=" + tableName + "]";
    }
}
