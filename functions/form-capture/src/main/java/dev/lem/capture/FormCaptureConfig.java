package dev.lem.capture;

import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Form capture's configuration, validated at cold start.
 *
 * @param formTokenKey  signs form tokens ({@code LEM_FORM_TOKEN_KEY}, base64, ≥ 32 bytes)
 * @param captchaSecret Turnstile secret; empty: no CAPTCHA verification
 * @param notifyQueueUrl where double opt-in confirmations are queued; with {@code publicBaseUrl} it turns them on
 * @param publicBaseUrl  the public base URL of the HTTP API, for confirmation links
 */
public record FormCaptureConfig(AwsConfig aws, String tableName, String busName, String activityQueueUrl,
                                byte[] identityKey, byte[] formTokenKey, Optional<String> captchaSecret,
                                Optional<String> notifyQueueUrl, Optional<URI> publicBaseUrl) {

    public static FormCaptureConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new FormCaptureConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.EVENT_BUS_NAME), e.required(EnvNames.ACTIVITY_QUEUE_URL), e.requiredKey(EnvNames.IDENTITY_KEY),
                e.requiredKey(EnvNames.FORM_TOKEN_KEY), e.optional(EnvNames.CAPTCHA_SECRET),
                e.optional(EnvNames.NOTIFY_QUEUE_URL), e.optionalUri(EnvNames.PUBLIC_BASE_URL));
    }

    @Override
    public String toString() {
        return "FormCaptureConfig[table=" + tableName + ", bus=" + busName + ", captcha=" + captchaSecret.isPresent() + "]";
    }
}
