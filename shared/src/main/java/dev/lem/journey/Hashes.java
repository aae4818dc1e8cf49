package dev.lem.journey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 based helpers: short stable names and uniform buckets. */
final class Hashes {

    private Hashes() {}

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    static String shortHash(String text) {
        return HexFormat.of().formatHex(sha256(text), 0, 6);
    }

    /** A uniform number in [0, 100) fixed by {@code text}: the same lead always lands in the same bucket. */
    static double percentile(String text) {
        byte[] hash = sha256(text);
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return value * 100.0 / (1L << 48);
    }
}
