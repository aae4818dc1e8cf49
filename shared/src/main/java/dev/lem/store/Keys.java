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
    /** The visitor → lead link under {@link #visitor}. */
    public static final String VISITOR_LINK_SK = "LINK";
    /** Sort-key prefix of the activity items ({@link #activity}). */
    public static final String ACTIVITY_PREFIX = "ACT#";

    private Keys() {}

    public static String lead(LeadId id) {
        return "LEAD#" + id.value();
    }

    public static String email(String emailHash) {
        return "EMAIL#" + emailHash;
    }

    /** Activity sorts newest-last by time, then id; query with ScanIndexForward=false for newest first. */
    public static String activity(java.time.Instant at, String activityId) {
        return ACTIVITY_PREFIX + at + "#" + activityId;
    }

    /** An anonymous visitor ({@code lem_vid}): its link to a lead ({@link #VISITOR_LINK_SK}) and its activity. */
    public static String visitor(String visitorId) {
        return "VISITOR#" + visitorId;
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

    /** Scope of {@code POST /activities}' claims: {@code IDEM#activities#<activity id>}. */
    public static final String ACTIVITY_CLAIM_SCOPE = "activities#";

    /** {@code POST /outcomes}' claims: {@code IDEM#outcomes#<event id>}. */
    public static final String OUTCOME_CLAIM_SCOPE = "outcomes#";

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
