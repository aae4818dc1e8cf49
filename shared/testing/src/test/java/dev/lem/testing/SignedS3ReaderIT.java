package dev.lem.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lem.blob.BlobStoreUnavailableException;
import dev.lem.blob.aws.S3BlobStore;
import dev.lem.blob.aws.S3Clients;
import dev.lem.blob.aws.SignedS3Reader;
import dev.lem.config.AwsConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Scoring's read-only model bucket reader on the wire. The signature of every request is checked here the way S3
 * checks it (canonical request, string to sign, HMAC chain from the secret key, recomputed from the request as it
 * arrived), and the same check is first shown to accept the S3 client's own GetObject, so it is not a mirror of the
 * code under test.
 */
class SignedS3ReaderIT {

    private static final String SECRET = "local";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private final SignedS3Reader reader;

    SignedS3ReaderIT() {
        server.start();
        reader = SignedS3Reader.create(AwsConfig.local(AwsEngines.REGION, URI.create(server.baseUrl())), "lem-models");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theVerifier_acceptsTheS3ClientsOwnSignature() throws Exception {
        server.stubFor(get(urlPathEqualTo("/lem-models/models/current.json")).willReturn(aResponse().withStatus(200)
                .withBody("{}")));
        try (S3Client s3 = S3Clients.create(AwsConfig.local(AwsEngines.REGION, URI.create(server.baseUrl())))) {
            new S3BlobStore(s3, "lem-models").read("models/current.json");
        }

        assertThat(signatureHolds(lastGet("/lem-models/models/current.json"))).isTrue();
    }

    @Test
    void read_whenTheObjectExists_getsItPathStyleWithAValidSignature() throws Exception {
        server.stubFor(get(urlPathEqualTo("/lem-models/models/current.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"version\":\"m1\"}")));

        assertThat(reader.read("models/current.json")).contains("{\"version\":\"m1\"}");

        LoggedRequest sent = lastGet("/lem-models/models/current.json");
        assertThat(signatureHolds(sent)).isTrue();
        assertThat(sent.getHeader("Authorization")).contains("/" + AwsEngines.REGION + "/s3/aws4_request");
    }

    @Test
    void read_whenTheKeyNeedsEncoding_signsThePathAsSent() throws Exception {
        server.stubFor(get(urlPathEqualTo("/lem-models/models/a%20b%2Bc.json")).willReturn(aResponse().withStatus(200)
                .withBody("x")));

        assertThat(reader.read("models/a b+c.json")).contains("x");

        assertThat(signatureHolds(lastGet("/lem-models/models/a%20b%2Bc.json"))).isTrue();
    }

    @Test
    void read_whenTheKeyIsMissing_isEmpty() {
        server.stubFor(get(urlPathEqualTo("/lem-models/models/current.json")).willReturn(aResponse().withStatus(404)
                .withBody("<Error><Code>NoSuchKey</Code></Error>")));

        assertThat(reader.read("models/current.json")).isEmpty();
    }

    @Test
    void read_whenS3Fails_isUnavailableOn5xxAndThrottlingAndNamesOtherStatuses() {
        server.stubFor(get(urlPathEqualTo("/lem-models/a")).willReturn(aResponse().withStatus(503)
                .withBody("<Error><Code>SlowDown</Code></Error>")));
        server.stubFor(get(urlPathEqualTo("/lem-models/b")).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>AccessDenied</Code><Message>secret detail</Message></Error>")));

        assertThatThrownBy(() -> reader.read("a")).isInstanceOf(BlobStoreUnavailableException.class);
        assertThatThrownBy(() -> reader.read("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("403").hasMessageContaining("AccessDenied").hasMessageNotContaining("secret detail");
    }

    @Test
    void read_whenNothingListens_isUnavailable() {
        server.stop();

        assertThatThrownBy(() -> reader.read("models/current.json")).isInstanceOf(BlobStoreUnavailableException.class);
    }

    @Test
    void write_isRefused() {
        assertThatThrownBy(() -> reader.write("models/m1.json", "{}")).isInstanceOf(UnsupportedOperationException.class);
    }

    private LoggedRequest lastGet(String path) {
        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).isNotEmpty();
        return requests.getLast();
    }

    /** SigV4 as S3 verifies it, from the request as received: canonical request → string to sign → signature. */
    private static boolean signatureHolds(LoggedRequest request) throws Exception {
        Matcher auth = AUTHORIZATION.matcher(request.getHeader("Authorization"));
        assertThat(auth.matches()).as(request.getHeader("Authorization")).isTrue();
        String date = auth.group(2);
        String region = auth.group(3);
        List<String> signedHeaders = Arrays.asList(auth.group(4).split(";"));
        assertThat(signedHeaders).contains("host", "x-amz-date", "x-amz-content-sha256");
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            canonicalHeaders.append(name).append(':').append(request.getHeader(name).strip()).append('\n');
        }
        String url = request.getUrl();
        int query = url.indexOf('?');
        String canonicalRequest = String.join("\n", request.getMethod().getName(),
                query < 0 ? url : url.substring(0, query), query < 0 ? "" : url.substring(query + 1),
                canonicalHeaders.toString(), String.join(";", signedHeaders), request.getHeader("x-amz-content-sha256"));
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", request.getHeader("x-amz-date"),
                date + "/" + region + "/s3/aws4_request", hex(MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign)).equals(auth.group(5).toLowerCase(Locale.ROOT));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
