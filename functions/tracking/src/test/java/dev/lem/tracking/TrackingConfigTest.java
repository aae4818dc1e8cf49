package dev.lem.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_ACTIVITY_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/lem-activity");
        env.put("LEM_TRACKING_KEY", Base64.getEncoder().encodeToString(TrackingServiceTest.TRACKING_KEY));
        env.put("LEM_EVENT_BUS_NAME", "lem");
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValueAndDefaultsTheRegion() {
        TrackingConfig config = TrackingConfig.fromEnv(env());

        assertThat(config.activityQueueUrl()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/lem-activity");
        assertThat(config.trackingKey()).isEqualTo(TrackingServiceTest.TRACKING_KEY);
        assertThat(config.aws().region()).isEqualTo("eu-west-1");
        assertThat(config.eventBusName()).isEqualTo("lem");
    }

    @Test
    void fromEnv_whenLambdasAwsRegionSet_usesIt() {
        Map<String, String> env = env();
        env.put("AWS_REGION", "us-east-2");

        assertThat(TrackingConfig.fromEnv(env).aws().region()).isEqualTo("us-east-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_ACTIVITY_QUEUE_URL", "LEM_TRACKING_KEY", "LEM_EVENT_BUS_NAME"})
    void fromEnv_whenRequiredVariableMissing_throwsNamingIt(String name) {
        Map<String, String> env = env();
        env.remove(name);

        assertThatThrownBy(() -> TrackingConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }

    @Test
    void fromEnv_whenTrackingKeyShort_rejectsItWithoutEchoingIt() {
        Map<String, String> env = env();
        String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        env.put("LEM_TRACKING_KEY", shortKey);

        assertThatThrownBy(() -> TrackingConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LEM_TRACKING_KEY must decode to at least 32 bytes, got 16")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void fromEnv_whenAllowedOriginsUnset_allowsNoOrigin() {
        assertThat(TrackingConfig.fromEnv(env()).allowedOrigins()).isEmpty();
    }

    @Test
    void fromEnv_whenAllowedOriginsIsACommaList_readsEachOriginTrimmed() {
        Map<String, String> env = env();
        env.put("LEM_TRACKING_ALLOWED_ORIGINS", "https://www.example.com, http://localhost:8080,,");

        assertThat(TrackingConfig.fromEnv(env).allowedOrigins())
                .containsExactlyInAnyOrder("https://www.example.com", "http://localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.com", "https://www.example.com/", "https://www.example.com/path",
            "ftp://example.com", "https://user@example.com", "*"})
    void fromEnv_whenAnAllowedOriginIsNotAnOrigin_throwsNamingTheVariable(String origin) {
        Map<String, String> env = env();
        env.put("LEM_TRACKING_ALLOWED_ORIGINS", "https://ok.example.com," + origin);

        assertThatThrownBy(() -> TrackingConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LEM_TRACKING_ALLOWED_ORIGINS must be");
    }
}
