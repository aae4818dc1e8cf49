package dev.lem.aws;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.EnvNames;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Deployed functions get their keys as Secrets Manager ARNs, never as values in the template. At cold
 * start this fills {@code LEM_IDENTITY_KEY}, {@code LEM_TRACKING_KEY},
 * {@code LEM_FORM_TOKEN_KEY} and {@code LEM_CAPTCHA_SECRET} from those secrets, so config
 * records read keys one way everywhere ({@code lem up} and tests set the values directly).
 */
public final class SecretEnvironment {

    private static final Map<String, String> KEY_TO_SECRET = Map.of(
            EnvNames.IDENTITY_KEY, EnvNames.IDENTITY_KEY_SECRET_ARN,
            EnvNames.TRACKING_KEY, EnvNames.TRACKING_KEY_SECRET_ARN,
            EnvNames.FORM_TOKEN_KEY, EnvNames.FORM_TOKEN_KEY_SECRET_ARN,
            EnvNames.CAPTCHA_SECRET, EnvNames.CAPTCHA_SECRET_ARN);

    private SecretEnvironment() {}

    /** The environment with every key that is given only as a secret ARN resolved to its value. */
    public static Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> resolved = new HashMap<>(env);
        SecretsManagerClient client = null;
        try {
            for (Map.Entry<String, String> pair : KEY_TO_SECRET.entrySet()) {
                String arn = env.get(pair.getValue());
                if (env.get(pair.getKey()) != null || arn == null || arn.isBlank()) {
                    continue;
                }
                if (client == null) {
                    client = AwsClients.secretsManager(AwsConfig.fromEnv(env));
                }
                resolved.put(pair.getKey(), secretValue(client, pair.getValue(), arn));
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
        return Map.copyOf(resolved);
    }

    private static String secretValue(SecretsManagerClient client, String variable, String arn) {
        try {
            return client.getSecretValue(r -> r.secretId(arn)).secretString();
        } catch (SdkException e) {
            throw new ConfigException("cannot read the secret named by " + variable + ": " + e.getClass().getSimpleName());
        }
    }
}
