package dev.lem.tracking.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** {@code GET /t/lem.js}: the script, loaded once per cold start, with an ETag of its SHA-256. */
final class LemScript {

    static final String SOURCE = load();
    static final String ETAG = "\"" + etag(SOURCE) + "\"";
    /** A week in browsers and CDNs; revalidation with the ETag after that costs a 304. */
    static final String CACHE_CONTROL = "public, max-age=604800, stale-while-revalidate=86400";

    private LemScript() {}

    static APIGatewayV2HTTPResponse response(Optional<String> ifNoneMatch) {
        boolean unchanged = ifNoneMatch.map(v -> v.contains(ETAG) || v.strip().equals("*")).orElse(false);
        Map<String, String> headers = Map.of("Content-Type", "application/javascript; charset=utf-8",
                "Cache-Control", CACHE_CONTROL, "ETag", ETAG, "X-Content-Type-Options", "nosniff",
                "Access-Control-Allow-Origin", "*");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(unchanged ? 304 : 200).withHeaders(headers)
                .withBody(unchanged ? null : SOURCE).build();
    }

    private static String load() {
        try (InputStream in = LemScript.class.getResourceAsStream("/dev/lem/tracking/lem.js")) {
            if (in == null) {
                throw new IllegalStateException("lem.js missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(String source) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
