package dev.lem.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_EVENT_BUS_NAME", "lem");
        env.put("LEM_REGION", "eu-north-1");
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValue() {
        ScoringConfig config = ScoringConfig.fromEnv(env());

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.busName()).isEqualTo("lem");
        assertThat(config.aws().region()).isEqualTo("eu-north-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_TABLE_NAME", "LEM_EVENT_BUS_NAME"})
    void fromEnv_whenRequiredVariableMissingOrBlank_throwsNamingIt(String name) {
        Map<String, String> missing = env();
        missing.remove(name);
        Map<String, String> blank = env();
        blank.put(name, "  ");

        assertThatThrownBy(() -> ScoringConfig.fromEnv(missing))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
        assertThatThrownBy(() -> ScoringConfig.fromEnv(blank))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }

    @Test
    void fromEnv_whenEndpointIsNotAnAbsoluteUrl_throwsNamingIt() {
        Map<String, String> env = env();
        env.put("LEM_AWS_ENDPOINT", "localhost:4566");

        assertThatThrownBy(() -> ScoringConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_AWS_ENDPOINT");
    }
}
