package dev.lem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvTest {

    private static final String KEY_32 = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void required_whenSet_returnsStrippedValue() {
        assertThat(Env.of(Map.of(EnvNames.TABLE_NAME, "  lem-table \n")).required(EnvNames.TABLE_NAME)).isEqualTo("lem-table");
    }

    @Test
    void required_whenMissing_throwsConfigExceptionNamingTheVariable() {
        assertThatThrownBy(() -> Env.of(Map.of()).required(EnvNames.TABLE_NAME))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_TABLE_NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void required_whenBlank_throwsConfigExceptionNamingTheVariable(String blank) {
        assertThatThrownBy(() -> Env.of(Map.of(EnvNames.EVENT_BUS_NAME, blank)).required(EnvNames.EVENT_BUS_NAME))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_EVENT_BUS_NAME");
    }

    @Test
    void optional_whenMissingOrBlank_isEmptyAndFallbackApplies() {
        Env env = Env.of(Map.of("BLANK", "  "));

        assertThat(env.optional("MISSING")).isEmpty();
        assertThat(env.optional("BLANK")).isEmpty();
        assertThat(env.optional("BLANK", "fallback")).isEqualTo("fallback");
        assertThat(env.optional("MISSING", "fallback")).isEqualTo("fallback");
    }

    @Test
    void optional_whenSet_returnsStrippedValueOverFallback() {
        assertThat(Env.of(Map.of("X", " v ")).optional("X", "fallback")).isEqualTo("v");
    }

    @Test
    void of_whenSourceMapChangesLater_keepsTheValuesItWasGiven() {
        Map<String, String> source = new HashMap<>(Map.of(EnvNames.TABLE_NAME, "first"));
        Env env = Env.of(source);
        source.put(EnvNames.TABLE_NAME, "second");

        assertThat(env.required(EnvNames.TABLE_NAME)).isEqualTo("first");
    }

    @Test
    void optionalUri_whenAbsoluteUrl_returnsIt() {
        assertThat(Env.of(Map.of(EnvNames.AWS_ENDPOINT, " http://127.0.0.1:4566 ")).optionalUri(EnvNames.AWS_ENDPOINT))
                .contains(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void optionalUri_whenMissing_isEmpty() {
        assertThat(Env.of(Map.of()).optionalUri(EnvNames.AWS_ENDPOINT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:4566", "/relative/path", "127.0.0.1", "http://", "mailto:someone@example.com"})
    void optionalUri_whenNotAbsoluteUrlWithHost_throwsConfigExceptionNamingVariable(String value) {
        assertThatThrownBy(() -> Env.of(Map.of(EnvNames.AWS_ENDPOINT, value)).optionalUri(EnvNames.AWS_ENDPOINT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_AWS_ENDPOINT");
    }

    @Test
    void optionalUri_whenUnparseable_throwsConfigExceptionWithoutEchoingTheValue() {
        assertThatThrownBy(() -> Env.of(Map.of(EnvNames.AWS_ENDPOINT, "http://secret host:4566")).optionalUri(EnvNames.AWS_ENDPOINT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_AWS_ENDPOINT")
                .hasMessageNotContaining("secret");
    }

    @Test
    void requiredKey_whenBase64Of32Bytes_returnsTheBytes() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        String encoded = Base64.getEncoder().encodeToString(key);

        assertThat(Env.of(Map.of(EnvNames.IDENTITY_KEY, encoded)).requiredKey(EnvNames.IDENTITY_KEY)).isEqualTo(key);
    }

    @Test
    void requiredKey_whenLongerThan32Bytes_accepts() {
        String encoded = Base64.getEncoder().encodeToString(new byte[64]);

        assertThat(Env.of(Map.of(EnvNames.TRACKING_KEY, encoded)).requiredKey(EnvNames.TRACKING_KEY)).hasSize(64);
    }

    @Test
    void requiredKey_whenShorterThan32Bytes_throwsConfigExceptionNamingVariableAndLength() {
        String encoded = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> Env.of(Map.of(EnvNames.IDENTITY_KEY, encoded)).requiredKey(EnvNames.IDENTITY_KEY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_IDENTITY_KEY")
                .hasMessageContaining("32").hasMessageContaining("31");
    }

    @Test
    void requiredKey_whenNotBase64_throwsConfigExceptionWithoutEchoingTheValue() {
        String notBase64 = "s3cr3t!!not*base64" + KEY_32;

        assertThatThrownBy(() -> Env.of(Map.of(EnvNames.IDENTITY_KEY, notBase64)).requiredKey(EnvNames.IDENTITY_KEY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_IDENTITY_KEY")
                .hasMessageContaining("base64").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void requiredKey_whenMissing_throwsConfigExceptionNamingVariable() {
        assertThatThrownBy(() -> Env.of(Map.of()).requiredKey(EnvNames.TRACKING_KEY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_TRACKING_KEY");
    }

    @Test
    void system_whenCalled_returnsTheProcessEnvironment() {
        assertThat(Env.system()).isEqualTo(System.getenv());
    }
}
