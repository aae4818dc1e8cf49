package dev.lem.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Event ids and causes that fit the contract ({@code [A-Za-z0-9._:#-]}, bounded), derived deterministically. */
final class EventIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:#-]{1,64}");

    private EventIds() {}

    /** The id itself when it fits, else {@code h} + 32 hex digits of its SHA-256 (same input, same cause). */
    static String cause(String id) {
        if (SAFE.matcher(id).matches()) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
