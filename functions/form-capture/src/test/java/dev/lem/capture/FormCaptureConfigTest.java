package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormCaptureConfigTest {

    private static final byte[] KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final byte[] TOKEN_KEY = "form-token-key-for-tests-only-32-bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_REGION", "eu-central-1");
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_EVENT_BUS_NAME", "lem-bus");
        env.put("LEM_ACTIVITY_QUEUE_URL", "https://sqs.eu-central-1.amazonaws.com/123456789012/lem-activity");
        env.put("LEM_IDENTITY_KEY", Base64.getEncoder().encodeToString(KEY));
        env.put("LEM_FORM_TOKEN_KEY", Base64.getEncoder().encodeToString(TOKEN_KEY));
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValue() {
        FormCaptureConfig config = FormCaptureConfig.fromEnv(env());

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.busName()).isEqualTo("lem-bus");
        assertThat(config.activityQueueUrl()).isEqualTo("https://sqs.eu-central-1.amazonaws.com/123456789012/lem-activity");
        assertThat(config.identityKey()).isEqualTo(KEY);
        assertThat(config.aws().region()).isEqualTo("eu-central-1");
        assertThat(config.aws().endpoint()).isEmpty();
    }

    @Test
    void fromEnv_whenEndpointSet_pointsTheClientsThere() {
        Map<String, String> env = env();
        env.put("LEM_AWS_ENDPOINT", "http://127.0.0.1:4566");

        assertThat(FormCaptureConfig.fromEnv(env).aws().endpoint()).contains(URI.create("http://127.0.0.1:4566"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_TABLE_NAME", "LEM_EVENT_BUS_NAME", "LEM_ACTIVITY_QUEUE_URL", "LEM_IDENTITY_KEY"})
    void fromEnv_whenRequiredVariableMissing_throwsNamingIt(String name) {
        Map<String, String> env = env();
        env.remove(name);

        assertThatThrownBy(() -> FormCaptureConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }

    @Test
    void fromEnv_whenIdentityKeyShorterThan32Bytes_rejectsItWithoutEchoingIt() {
        Map<String, String> env = env();
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        env.put("LEM_IDENTITY_KEY", shortKey);

        assertThatThrownBy(() -> FormCaptureConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LEM_IDENTITY_KEY must decode to at least 32 bytes, got 31")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void fromEnv_whenIdentityKeyNotBase64_rejectsIt() {
        Map<String, String> env = env();
        env.put("LEM_IDENTITY_KEY", "this is not base64 but it is long enough!");

        assertThatThrownBy(() -> FormCaptureConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessage("LEM_IDENTITY_KEY must be base64");
    }

    @Test
    void fromEnv_whenFormTokenKeySetAndCaptchaNot_readsTheKeyAndLeavesCaptchaOff() {
        FormCaptureConfig config = FormCaptureConfig.fromEnv(env());

        assertThat(config.formTokenKey()).isEqualTo(TOKEN_KEY);
        assertThat(config.captchaSecret()).isEmpty();
    }

    @Test
    void fromEnv_whenCaptchaSecretSet_turnsCaptchaOn() {
        Map<String, String> env = env();
        env.put("LEM_CAPTCHA_SECRET", "0x4AAAAAAA-secret");

        assertThat(FormCaptureConfig.fromEnv(env).captchaSecret()).contains("0x4AAAAAAA-secret");
    }

    @Test
    void fromEnv_whenFormTokenKeyMissing_failsNamingIt() {
        Map<String, String> env = env();
        env.remove("LEM_FORM_TOKEN_KEY");

        assertThatThrownBy(() -> FormCaptureConfig.fromEnv(env)).hasMessageContaining("LEM_FORM_TOKEN_KEY");
    }

    @Test
    void toString_whenPrinted_neverShowsKeysOrSecret() {
        Map<String, String> env = env();
        env.put("LEM_CAPTCHA_SECRET", "0x4AAAAAAA-secret");

        assertThat(FormCaptureConfig.fromEnv(env).toString()).doesNotContain("0x4AAAAAAA-secret", "[B@");
    }
}
