package dev.lem.aws;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.EnvNames;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

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
            EnvNames.CAPTCHA_SECRET, EnvNames.CAPTCHA_SECRET_ARN,
            EnvNames.WEBHOOK_SECRET, EnvNames.WEBHOOK_SECRET_ARN);

    /**
     * Secrets an operator fills in by hand (the Turnstile key is issued by Cloudflare): while one holds no
     * value yet, its variable stays unset and the feature stays off, instead of failing the cold start.
     */
    private static final java.util.Set<String> FILLED_BY_OPERATOR = java.util.Set.of(EnvNames.CAPTCHA_SECRET,
            EnvNames.WEBHOOK_SECRET);

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
                try {
                    resolved.put(pair.getKey(), secretValue(client, pair.getValue(), arn));
                } catch (SecretHasNoValueException e) {
                    if (!FILLED_BY_OPERATOR.contains(pair.getKey())) {
                        throw new ConfigException("the secret named by " + pair.getValue() + " has no value");
                    }
                }
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
            String value = client.getSecretValue(r -> r.secretId(arn)).secretString();
            if (value == null || value.isBlank()) {
                throw new SecretHasNoValueException();
            }
            return value;
        } catch (ResourceNotFoundException e) {
            // also what Secrets Manager answers for a secret created without a value (no AWSCURRENT version)
            throw new SecretHasNoValueException();
        } catch (SdkException e) {
            throw new ConfigException("cannot read the secret named by " + variable + ": " + e.getClass().getSimpleName());
        }
    }

    /** The secret exists (or not) but holds no current value. */
    private static final class SecretHasNoValueException extends RuntimeException {
        SecretHasNoValueException() {
            super(null, null, false, false);
        }
    }
}
