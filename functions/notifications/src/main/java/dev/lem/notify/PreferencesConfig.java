package dev.lem.notify;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.net.URI;
import java.util.Map;

/**
 * The preference page's ({@code /u/{token}}) configuration, validated at cold start; the bus carries unsubscribes to
 * the router (which ends the lead's journeys).
 */
public record PreferencesConfig(AwsConfig aws, String tableName, byte[] trackingKey, byte[] identityKey, URI publicBaseUrl,
                                String busName) {

    public static PreferencesConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new PreferencesConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.requiredKey(EnvNames.TRACKING_KEY), e.requiredKey(EnvNames.IDENTITY_KEY),
                e.optionalUri(EnvNames.PUBLIC_BASE_URL).orElseThrow(() -> new ConfigException(
                        EnvNames.PUBLIC_BASE_URL + " is required but not set")),
                e.required(EnvNames.EVENT_BUS_NAME));
    }
}
