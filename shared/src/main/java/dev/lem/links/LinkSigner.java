package dev.lem.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs tracking links and pixels: an HMAC-SHA256 over the link's kind and parameters, truncated to
 * 128 bits, base64url. Notifications signs what it puts in emails; tracking refuses what it did not sign,
 * so nobody can forge opens or clicks for a lead, or turn {@code /t/c} into an open redirect.
 */
public final class LinkSigner {

    private static final int SIGNATURE_BYTES = 16;
    private final SecretKeySpec key;

    public LinkSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("tracking key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String sign(String kind, String... parts) {
        byte[] mac = mac(canonical(kind, parts));
        byte[] truncated = java.util.Arrays.copyOf(mac, SIGNATURE_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(truncated);
    }

    /** Constant-time comparison. */
    public boolean verify(String signature, String kind, String... parts) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(kind, parts).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonical(String kind, String... parts) {
        StringBuilder text = new StringBuilder(kind);
        for (String part : parts) {
            text.append('\n').append(part == null ? "" : part);
        }
        return text.toString();
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
