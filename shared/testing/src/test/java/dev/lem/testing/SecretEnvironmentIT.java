package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.aws.SecretEnvironment;
import dev.lem.config.ConfigException;
import dev.lem.config.EnvNames;
import dev.lem.testing.WireCapture.Service;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class SecretEnvironmentIT {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:lem-identity-key";
    private final WireCapture wire;

    SecretEnvironmentIT(WireCapture wire) {
        this.wire = wire;
    }

    @BeforeEach
    void reset() {
        wire.reset();
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(EnvNames.AWS_ENDPOINT, wire.awsConfig().endpoint().orElseThrow().toString(),
                EnvNames.REGION, "eu-west-1"));
        env.putAll(extra);
        return env;
    }

    @Test
    void resolve_whenOnlyTheSecretArnIsGiven_fillsTheKeyFromSecretsManager() {
        wire.answerSecret("c2VjcmV0LWtleS1mcm9tLXNlY3JldHMtbWFuYWdlci0zMmJ5dGVz");

        Map<String, String> resolved = SecretEnvironment.resolve(env(Map.of(EnvNames.IDENTITY_KEY_SECRET_ARN, ARN)));

        assertThat(resolved).containsEntry(EnvNames.IDENTITY_KEY, "c2VjcmV0LWtleS1mcm9tLXNlY3JldHMtbWFuYWdlci0zMmJ5dGVz");
        assertThat(wire.requests(Service.SECRETS_MANAGER)).singleElement()
                .satisfies(r -> assertThat(r.json().get("SecretId").asText()).isEqualTo(ARN));
    }

    @Test
    void resolve_whenTheKeyIsSetDirectly_callsNothing() {
        Map<String, String> resolved = SecretEnvironment.resolve(env(Map.of(EnvNames.IDENTITY_KEY, "direct",
                EnvNames.IDENTITY_KEY_SECRET_ARN, ARN)));

        assertThat(resolved).containsEntry(EnvNames.IDENTITY_KEY, "direct");
        assertThat(wire.requests(Service.SECRETS_MANAGER)).isEmpty();
    }

    @Test
    void resolve_whenSecretsManagerRefuses_failsNamingTheVariableNotTheValue() {
        wire.answerWithError(Service.SECRETS_MANAGER, 400, "application/x-amz-json-1.1",
                "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}");

        assertThatThrownBy(() -> SecretEnvironment.resolve(env(Map.of(EnvNames.TRACKING_KEY_SECRET_ARN, ARN))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EnvNames.TRACKING_KEY_SECRET_ARN)
                .hasMessageNotContaining(ARN);
    }

    @Test
    void resolve_whenTheOperatorHasNotFilledTheCaptchaSecret_leavesCaptchaOff() {
        wire.answerWithError(Service.SECRETS_MANAGER, 400, "application/x-amz-json-1.1",
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"can't find the specified secret value for staging label: AWSCURRENT\"}");

        Map<String, String> resolved = SecretEnvironment.resolve(env(Map.of(EnvNames.CAPTCHA_SECRET_ARN, ARN)));

        assertThat(resolved).doesNotContainKey(EnvNames.CAPTCHA_SECRET);
    }

    @Test
    void resolve_whenAKeySecretHasNoValue_failsNamingTheVariable() {
        wire.answerSecret("");

        assertThatThrownBy(() -> SecretEnvironment.resolve(env(Map.of(EnvNames.IDENTITY_KEY_SECRET_ARN, ARN))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.IDENTITY_KEY_SECRET_ARN);
    }
}
