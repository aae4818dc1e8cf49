package dev.lem.capture;

import dev.lem.lead.LeadId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Double opt-in links: {@code <base>/f/{formId}/confirm?l=<lead id>&t=<expiry epoch seconds>&s=<signature>}, the
 * signature an HMAC-SHA256 (the form token key, a distinct message prefix) over form, lead and expiry. Valid 7 days.
 */
public final class ConfirmationLinks {

    public static final Duration VALID_FOR = Duration.ofDays(7);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final URI baseUrl;

    public ConfirmationLinks(byte[] key, URI baseUrl) {
        if (key.length < 32) {
            throw new IllegalArgumentException("confirmation key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.baseUrl = baseUrl;
    }

    public String link(String formId, LeadId leadId, Instant now) {
        long expires = now.plus(VALID_FOR).getEpochSecond();
        String base = baseUrl.toString().replaceAll("/+$", "");
        return base + "/f/" + formId + "/confirm?l=" + leadId.value() + "&t=" + expires + "&s="
                + URLEncoder.encode(sign(formId, leadId.value(), expires), StandardCharsets.UTF_8);
    }

    /** Whether {@code signature} signs exactly this form, lead and expiry. */
    public boolean verify(String formId, String leadId, long expires, String signature) {
        if (signature == null || signature.length() != 43) {
            return false;
        }
        return MessageDigest.isEqual(sign(formId, leadId, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String formId, String leadId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(("confirm|v1|" + formId + "|" + leadId + "|" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
