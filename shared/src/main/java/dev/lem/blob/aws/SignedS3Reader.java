package dev.lem.blob.aws;

import dev.lem.cost.Metering;
import dev.lem.blob.BlobStore;
import dev.lem.blob.BlobStoreUnavailableException;
import dev.lem.config.AwsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Reads objects of one S3 bucket with a SigV4-signed HTTPS GET — the SDK's own signer and URL-connection client, but
 * not the S3 client. Why: scoring only ever reads two small JSON objects (the model pointer and a model), and the S3
 * client module adds 12 MB of classes to its jar (and its endpoint-rule machinery to every cold start); training,
 * which writes models, keeps {@link S3BlobStore}. 200 → the body; 404 → empty; 5xx, 429 and network faults →
 * {@link BlobStoreUnavailableException}; other statuses (403: a role without {@code s3:GetObject}) →
 * {@link IllegalStateException} naming the status. Read-only: {@link #write} refuses.
 * <p>
 * Addressing as the S3 client would choose ({@link #base}): virtual-hosted in AWS, path-style for bucket names with
 * dots and with an endpoint override (emulators, tests). Each key segment is percent-encoded once, and the signer
 * neither double-encodes nor normalises the path, as S3 requires.
 */
public final class SignedS3Reader implements BlobStore {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI base;
    private final Clock clock;

    SignedS3Reader(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI base, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.base = base;
        this.clock = clock;
    }

    public static SignedS3Reader create(AwsConfig config, String bucket) {
        URI base = base(config, bucket);
        AwsCredentialsProvider credentials = config.localCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
        return new SignedS3Reader(http, credentials, config.region(), base, Clock.systemUTC());
    }

    /**
     * Where the bucket's objects are: path-style under an endpoint override; in AWS virtual-hosted, except for a
     * bucket name with dots (the {@code *.s3.<region>} certificate does not cover {@code a.b.s3.<region>}), which is
     * addressed path-style as the S3 client does; China regions under {@code amazonaws.com.cn}.
     */
    static URI base(AwsConfig config, String bucket) {
        if (config.endpoint().isPresent()) {
            return URI.create(config.endpoint().get().toString().replaceAll("/+$", "") + "/" + bucket);
        }
        String host = "s3." + config.region() + (config.region().startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
        return bucket.contains(".") ? URI.create("https://" + host + "/" + bucket) : URI.create("https://" + bucket + "." + host);
    }

    @Override
    public Optional<String> read(String key) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(base + "/" + encodedPath(key)))
                .putHeader("x-amz-content-sha256", EMPTY_SHA256)
                .build();
        SdkHttpRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        Metering.request("S3", "GetObject", 1);
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build()).call();
            int status = response.httpResponse().statusCode();
            String body = body(response);
            if (status == 200) {
                return Optional.of(body);
            }
            if (status == 404) {
                return Optional.empty();
            }
            if (status >= 500 || status == 429) {
                throw new BlobStoreUnavailableException("read " + key + " failed on the S3 side (" + status + ")", null);
            }
            throw new IllegalStateException("read " + key + ": S3 answered " + status + " " + errorCode(body));
        } catch (IOException | UncheckedIOException e) {
            throw new BlobStoreUnavailableException("read " + key + " could not reach S3", e);
        }
    }

    @Override
    public void write(String key, String content) {
        throw new UnsupportedOperationException("SignedS3Reader only reads; models are written by training's S3BlobStore");
    }

    static String encodedPath(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                    .replace("%7E", "~"));
        }
        return path.toString();
    }

    private static String body(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isEmpty()) {
            return "";
        }
        try (InputStream in = stream.get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The {@code <Code>} of an S3 XML error, for the message (never the body itself). */
    private static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start >= 0 && end > start ? "(" + body.substring(start + 6, end) + ")" : "";
    }
}
