package dev.lem.store;

import dev.lem.lead.LeadId;

/** Item keys of the single table (DESIGN §3); every key prefix is written here and nowhere else. */
public final class Keys {
    public static final String LEAD_SK = "LEAD";
    public static final String IDENTITY_SK = "IDENTITY";
    public static final String FORM_SK = "DEF";
    public static final String IDEMPOTENCY_SK = "IDEM";

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

    public static String enrolment(String campaignId) {
        return "ENR#" + campaignId;
    }

    public static String form(String formId) {
        return "FORM#" + formId;
    }

    public static String idempotency(String key) {
        return "IDEM#" + key;
    }

    public static String stateIndex(dev.lem.lead.LeadState state) {
        return "STATE#" + state.wireName();
    }
}
