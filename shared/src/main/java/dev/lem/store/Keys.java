package dev.lem.store;

import dev.lem.lead.LeadId;

/** Item keys of the single table (DESIGN §3); every key prefix is written here and nowhere else. */
public final class Keys {
    public static final String LEAD_SK = "LEAD";
    public static final String IDENTITY_SK = "IDENTITY";
    public static final String FORM_SK = "DEF";
    public static final String IDEMPOTENCY_SK = "IDEM";
    public static final String TOKEN_SK = "TOKEN";
    public static final String RATE_SK = "RATE";
    /** A lead's standing: scores per model, explanation, contact status, pending timers. */
    public static final String STANDING_SK = "STANDING";
    public static final String ACTIVITY_PREFIX = "ACT#";
    public static final String STATE_LOG_PREFIX = "STATE#";

    private Keys() {}

    public static String lead(LeadId id) {
        return "LEAD#" + id.value();
    }

    public static String email(String emailHash) {
        return "EMAIL#" + emailHash;
    }

    /** Activity sorts newest-last by time, then id; query with ScanIndexForward=false for newest first. */
    public static String activity(java.time.Instant at, String activityId) {
        return "ACT#" + at + "#" + activityId;
    }

    /** A lifecycle log entry; sorts oldest first. */
    public static String stateEntry(java.time.Instant enteredAt, dev.lem.lead.LeadState to) {
        return STATE_LOG_PREFIX + enteredAt + "#" + to.wireName();
    }

    public static String enrolment(String campaignId) {
        return "ENR#" + campaignId;
    }

    public static String form(String formId) {
        return "FORM#" + formId;
    }

    public static String idempotency(String key) {
        return "IDEM#" + key;
    }

    /** Form capture's idempotency record: {@code IDEM#form-capture#<form id>#k:<header key>} or {@code ...#p:<payload hash>}. */
    public static String captureIdempotency(String scopedKey) {
        return idempotency("form-capture#" + scopedKey);
    }

    /** A used form token's nonce (replay protection), expiring with the token. */
    public static String formToken(String nonce) {
        return "TOKEN#" + nonce;
    }

    /** A per-IP submission counter of one form for one minute ({@code epochMinute} = epoch seconds / 60). */
    public static String rate(String formId, String ipHash, long epochMinute) {
        return "RATE#" + formId + "#" + ipHash + "#" + epochMinute;
    }

    public static String stateIndex(dev.lem.lead.LeadState state) {
        return "STATE#" + state.wireName();
    }
}
