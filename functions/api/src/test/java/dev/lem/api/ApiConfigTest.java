package dev.lem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_REGION", "eu-north-1");
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_IDENTITY_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsTableAndKey() {
        ApiConfig config = ApiConfig.fromEnv(env());

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.identityKey()).hasSize(32);
        assertThat(config.toString()).doesNotContain("identityKey");
    }

    @Test
    void fromEnv_whenTheIdentityKeyIsMissing_namesIt() {
        Map<String, String> env = env();
        env.remove("LEM_IDENTITY_KEY");

        assertThatThrownBy(() -> ApiConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("LEM_IDENTITY_KEY");
    }
}
