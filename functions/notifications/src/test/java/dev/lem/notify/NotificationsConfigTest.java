package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationsConfigTest {

    private static final byte[] KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_EVENT_BUS_NAME", "lem");
        env.put("LEM_MAIL_FROM", "hello@lem.example");
        env.put("LEM_TRACKING_KEY", Base64.getEncoder().encodeToString(KEY));
        env.put("LEM_PUBLIC_BASE_URL", "https://t.lem.example");
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValue() {
        Map<String, String> env = env();
        env.put("LEM_SES_CONFIGURATION_SET", "lem-events");

        NotificationsConfig config = NotificationsConfig.fromEnv(env);

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.busName()).isEqualTo("lem");
        assertThat(config.mailFrom()).isEqualTo("hello@lem.example");
        assertThat(config.sesConfigurationSet()).contains("lem-events");
        assertThat(config.trackingKey()).isEqualTo(KEY);
        assertThat(config.publicBaseUrl()).isEqualTo(URI.create("https://t.lem.example"));
    }

    @Test
    void fromEnv_whenNoConfigurationSet_leavesItEmpty() {
        assertThat(NotificationsConfig.fromEnv(env()).sesConfigurationSet()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_TABLE_NAME", "LEM_EVENT_BUS_NAME", "LEM_MAIL_FROM", "LEM_TRACKING_KEY", "LEM_PUBLIC_BASE_URL"})
    void fromEnv_whenRequiredVariableMissing_throwsNamingIt(String name) {
        Map<String, String> env = env();
        env.remove(name);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.lem.example", "/t", "https://"})
    void fromEnv_whenPublicBaseUrlNotAbsolute_throwsNamingIt(String url) {
        Map<String, String> env = env();
        env.put("LEM_PUBLIC_BASE_URL", url);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LEM_PUBLIC_BASE_URL ");
    }

    @Test
    void fromEnv_whenTrackingKeyShort_rejectsItWithoutEchoingIt() {
        Map<String, String> env = env();
        String shortKey = Base64.getEncoder().encodeToString(new byte[24]);
        env.put("LEM_TRACKING_KEY", shortKey);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LEM_TRACKING_KEY must decode to at least 32 bytes, got 24")
                .hasMessageNotContaining(shortKey);
    }
}
