package dev.lem.notify;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Notifications' configuration, validated at cold start. */
public record NotificationsConfig(AwsConfig aws, String tableName, String busName, String mailFrom,
                                  Optional<String> sesConfigurationSet, byte[] trackingKey, URI publicBaseUrl) {

    public static NotificationsConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new NotificationsConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.EVENT_BUS_NAME), e.required(EnvNames.MAIL_FROM),
                e.optional(EnvNames.SES_CONFIGURATION_SET), e.requiredKey(EnvNames.TRACKING_KEY),
                e.optionalUri(EnvNames.PUBLIC_BASE_URL).orElseThrow(() -> new dev.lem.config.ConfigException(
                        EnvNames.PUBLIC_BASE_URL + " is required but not set")));
    }
}
