package dev.lem.forms;

import java.time.Instant;

/**
 * The state behind form spam defence: used form tokens (replay protection) and per-IP submission counters
 * (rate limit). Both expire by TTL; neither holds PII (the IP arrives already hashed).
 */
public interface SpamDefenceStore {

    /**
     * Marks a form token's nonce used, kept until {@code expiresAt}.
     *
     * @return true the first time, false when the nonce was already used (a replay)
     */
    boolean claimToken(String nonce, Instant expiresAt);

    /** Gives a claimed nonce back: the capture it was claimed for failed, so a retry with the same token may pass. */
    void releaseToken(String nonce);

    /**
     * Counts one submission to {@code formId} from {@code ipHash} in the minute starting at {@code minute}.
     *
     * @return the count for that minute, this submission included
     */
    long countSubmission(String formId, String ipHash, Instant minute, Instant expiresAt);
}
