package dev.lem.lead;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 of a normalised email: the only form in which an email is ever a lookup key.
 * Without the key, a stored hash cannot be matched against a list of guessed addresses.
 */
public final class IdentityHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public IdentityHasher(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("identity key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** Lower-case hex HMAC of the address's normalised text. */
    public String hash(EmailAddress email) {
        return HexFormat.of().formatHex(mac().doFinal(email.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Lower-case hex HMAC of a client IP address (prefixed so it can never equal an email's hash): rate limits and
     * consent records keep this, never the raw address.
     */
    public String hashIp(String ip) {
        return HexFormat.of().formatHex(mac().doFinal(("ip:" + ip).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Lower-case hex HMAC of an E.164 phone number (prefixed so it can never equal an email's hash): the suppression
     * list keys SMS recipients by it.
     */
    public String hashPhone(String e164) {
        return HexFormat.of().formatHex(mac().doFinal(("phone:" + e164).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Lower-case hex HMAC of a canonical submission payload (idempotency of repeated posts); never an email's hash. */
    public String hashPayload(String canonical) {
        return HexFormat.of().formatHex(mac().doFinal(("payload:" + canonical).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
