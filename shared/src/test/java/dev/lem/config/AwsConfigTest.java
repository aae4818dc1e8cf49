package dev.lem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsConfigTest {

    @Test
    void fromEnv_whenNothingSet_usesEuWest1WithoutEndpointOrLocalCredentials() {
        AwsConfig config = AwsConfig.fromEnv(Map.of());

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.localCredentials()).isFalse();
    }

    @Test
    void fromEnv_whenAwsRegionSet_usesIt() {
        assertThat(AwsConfig.fromEnv(Map.of("AWS_REGION", "us-east-2")).region()).isEqualTo("us-east-2");
    }

    @Test
    void fromEnv_whenLemRegionAndAwsRegionSet_prefersLemRegion() {
        assertThat(AwsConfig.fromEnv(Map.of(EnvNames.REGION, "eu-central-1", "AWS_REGION", "us-east-2")).region())
                .isEqualTo("eu-central-1");
    }

    @Test
    void fromEnv_whenEndpointSetWithoutAccessKey_usesEndpointAndLocalCredentials() {
        AwsConfig config = AwsConfig.fromEnv(Map.of(EnvNames.AWS_ENDPOINT, "http://127.0.0.1:4566"));

        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(config.localCredentials()).isTrue();
    }

    @Test
    void fromEnv_whenEndpointAndAccessKeySet_usesTheDefaultCredentialChain() {
        AwsConfig config = AwsConfig.fromEnv(Map.of(EnvNames.AWS_ENDPOINT, "http://127.0.0.1:4566",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));

        assertThat(config.endpoint()).isPresent();
        assertThat(config.localCredentials()).isFalse();
    }

    @Test
    void fromEnv_whenAccessKeyBlank_treatsItAsAbsent() {
        AwsConfig config = AwsConfig.fromEnv(Map.of(EnvNames.AWS_ENDPOINT, "http://127.0.0.1:4566", "AWS_ACCESS_KEY_ID", " "));

        assertThat(config.localCredentials()).isTrue();
    }

    @Test
    void fromEnv_whenNoEndpointAndNoAccessKey_neverUsesLocalCredentials() {
        assertThat(AwsConfig.fromEnv(Map.of("AWS_REGION", "eu-west-1")).localCredentials()).isFalse();
    }

    @Test
    void fromEnv_whenEndpointInvalid_throwsConfigExceptionNamingIt() {
        assertThatThrownBy(() -> AwsConfig.fromEnv(Map.of(EnvNames.AWS_ENDPOINT, "localhost:4566")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_AWS_ENDPOINT");
    }

    @Test
    void local_whenCalled_setsEndpointAndLocalCredentials() {
        AwsConfig config = AwsConfig.local("eu-west-1", URI.create("http://127.0.0.1:9324"));

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(config.localCredentials()).isTrue();
    }
}
