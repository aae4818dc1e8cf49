package dev.lem.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies so receivers can verify them: header {@value #SIGNATURE_HEADER} is
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>} and {@value #TIMESTAMP_HEADER} repeats the
 * time. A receiver recomputes the HMAC and refuses old timestamps (replays).
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Lem-Signature";
    public static final String TIMESTAMP_HEADER = "X-Lem-Timestamp";

    private final SecretKeySpec key;

    public WebhookSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("webhook secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String signature(Instant at, String body) {
        long seconds = at.getEpochSecond();
        return "t=" + seconds + ",v1=" + hmac(seconds + "." + body);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
