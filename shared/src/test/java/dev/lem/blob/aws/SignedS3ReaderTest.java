package dev.lem.blob.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.AwsConfig;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignedS3ReaderTest {

    private static AwsConfig aws(String region) {
        return new AwsConfig(region, Optional.empty(), false);
    }

    @Test
    void base_isVirtualHostedInAwsPathStyleForDottedNamesAndEndpoints() {
        assertThat(SignedS3Reader.base(aws("eu-west-1"), "lem-models"))
                .isEqualTo(URI.create("https://lem-models.s3.eu-west-1.amazonaws.com"));
        assertThat(SignedS3Reader.base(aws("eu-west-1"), "models.example.com"))
                .isEqualTo(URI.create("https://s3.eu-west-1.amazonaws.com/models.example.com"));
        assertThat(SignedS3Reader.base(aws("cn-north-1"), "lem-models"))
                .isEqualTo(URI.create("https://lem-models.s3.cn-north-1.amazonaws.com.cn"));
        assertThat(SignedS3Reader.base(AwsConfig.local("eu-west-1", URI.create("http://127.0.0.1:4566/")), "lem-models"))
                .isEqualTo(URI.create("http://127.0.0.1:4566/lem-models"));
    }

    @Test
    void encodedPath_encodesEachSegmentOnceAsSigV4Wants() {
        assertThat(SignedS3Reader.encodedPath("models/m1.json")).isEqualTo("models/m1.json");
        assertThat(SignedS3Reader.encodedPath("models/a b+c*~.json")).isEqualTo("models/a%20b%2Bc%2A~.json");
    }
}
