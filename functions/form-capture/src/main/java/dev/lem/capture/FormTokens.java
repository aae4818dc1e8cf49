package dev.lem.capture;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed form tokens: {@code v1.<issued epoch seconds>.<nonce>.<signature>}, the signature an HMAC-SHA256 over
 * form id, issue time and a random 128-bit nonce. A token is bound to its form; whether it is fresh enough, old
 * enough and unused is {@link SpamDefence}'s decision.
 */
public final class FormTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern SHAPE = Pattern.compile("v1\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random;

    public FormTokens(byte[] key, SecureRandom random) {
        if (key.length < 32) {
            throw new IllegalArgumentException("form token key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.random = random;
    }

    /** A verified token: its nonce (the replay key) and when it was issued. */
    public record Verified(String nonce, Instant issuedAt) {}

    public String issue(String formId, Instant now) {
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = B64.encodeToString(nonceBytes);
        long issued = now.getEpochSecond();
        return "v1." + issued + "." + nonce + "." + sign(formId, issued, nonce);
    }

    /** The token's nonce and issue time when it is well-formed and signed for this form; empty otherwise. */
    public Optional<Verified> verify(String formId, String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        long issued = Long.parseLong(m.group(1));
        String expected = sign(formId, issued, m.group(2));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Verified(m.group(2), Instant.ofEpochSecond(issued)));
    }

    private String sign(String formId, long issued, String nonce) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return B64.encodeToString(mac.doFinal(("form-token|v1|" + formId + "|" + issued + "|" + nonce)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
