package dev.lem.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lem.blob.BlobStoreUnavailableException;
import dev.lem.blob.aws.S3BlobStore;
import dev.lem.blob.aws.S3Clients;
import dev.lem.config.AwsConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The model bucket adapter on the wire: the exact S3 requests, a missing key, and the error paths. */
class S3BlobStoreIT {

    private static final String NO_SUCH_KEY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>""";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private final S3Client s3;
    private final S3BlobStore store;

    S3BlobStoreIT() {
        server.start();
        s3 = S3Clients.create(AwsConfig.local(AwsEngines.REGION, URI.create(server.baseUrl())));
        store = new S3BlobStore(s3, "lem-models");
    }

    @AfterEach
    void stop() {
        s3.close();
        server.stop();
    }

    @Test
    void read_whenTheObjectExists_getsItPathStyleFromTheBucket() {
        server.stubFor(get(urlPathEqualTo("/lem-models/models/current.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"version\":\"m1\"}")));

        assertThat(store.read("models/current.json")).contains("{\"version\":\"m1\"}");
    }

    @Test
    void read_whenTheKeyIsMissing_isEmpty() {
        server.stubFor(get(urlPathEqualTo("/lem-models/models/current.json")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/xml").withBody(NO_SUCH_KEY)));

        assertThat(store.read("models/current.json")).isEmpty();
    }

    @Test
    void write_putsTheJsonUnderTheKey() {
        server.stubFor(put(urlPathEqualTo("/lem-models/models/m1.json")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"abc\"")));

        store.write("models/m1.json", "{\"version\":\"m1\"}");

        LoggedRequest sent = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .putRequestedFor(urlPathEqualTo("/lem-models/models/m1.json"))).getFirst();
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256");
        assertThat(new String(sent.getBody(), StandardCharsets.UTF_8)).contains("{\"version\":\"m1\"}");
    }

    @Test
    void read_whenS3Fails_isUnavailableOn5xxAndPassesAccessDenied() {
        server.stubFor(get(urlPathEqualTo("/lem-models/a")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>")));
        server.stubFor(get(urlPathEqualTo("/lem-models/b")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));

        assertThatThrownBy(() -> store.read("a")).isInstanceOf(BlobStoreUnavailableException.class);
        assertThatThrownBy(() -> store.read("b")).isInstanceOf(S3Exception.class)
                .isNotInstanceOf(BlobStoreUnavailableException.class);
    }
}
