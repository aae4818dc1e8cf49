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
    /** A lead's standing: scores per model, explanation, contact status, pending timers. */
    public static final String STANDING_SK = "STANDING";
    /** Sort-key prefix of the activity items ({@link #activity}). */
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
        return ACTIVITY_PREFIX + at + "#" + activityId;
    }

    /** An anonymous visitor ({@code lem_vid}): its link to a lead ({@link #VISITOR_LINK_SK}) and its activity. */
    public static String visitor(String visitorId) {
        return "VISITOR#" + visitorId;
    }

    /** A lifecycle log entry; sorts oldest first. */
    public static String stateEntry(java.time.Instant enteredAt, dev.lem.lead.LeadState to) {
        return STATE_LOG_PREFIX + enteredAt + "#" + to.wireName();
    }

    /** Training rows of one ISO week ({@code TRAINING#2026-W48}); one item per outcome ({@link #trainingRow}). */
    public static String trainingWeek(String isoWeek) {
        return "TRAINING#" + isoWeek;
    }

    public static String trainingRow(String outcomeId) {
        return "ROW#" + outcomeId;
    }

    /** The partition of the daily outcome tallies ({@link #outcomeDay}): one item per UTC day of outcomes. */
    public static final String OUTCOMES_DAILY_PK = "OUTCOMES#DAILY";

    /** One day's outcome tally under {@link #OUTCOMES_DAILY_PK} ({@code DAY#2026-11-23}); sorts by day. */
    public static String outcomeDay(java.time.LocalDate day) {
        return "DAY#" + day;
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

    /** The global suppression list entry of an address hash (outlives the lead). */
    public static final String SUPPRESSION_SK = "SUPP";

    public static String suppression(String addressHash) {
        return "SUPP#" + addressHash;
    }

    /** A lead's marketing counter for one channel and period ({@code D#2026-11-23}, {@code W#2026-W48}); pk is the lead. */
    public static String frequencyCounter(String channel, String period) {
        return "CAP#" + channel + "#" + period;
    }

    /** That a message was counted against the lead's caps (pk is the lead). */
    public static String frequencyReservation(String channel, String messageId) {
        return "CAP#" + channel + "#M#" + messageId;
    }

    /** A one-shot timer scheduled for the lead (pk is the lead): erasure cancels it. */
    public static String timer(String scheduleName) {
        return "TIMER#" + scheduleName;
    }

    /** The partition listing the latest version of every deployed journey ({@code sk} = {@link #journey}). */
    public static final String JOURNEYS_PK = "JOURNEYS";

    public static String journey(String journeyId) {
        return "JOURNEY#" + journeyId;
    }

    /** One immutable journey version under {@link #journey}; zero-padded so versions sort. */
    public static String journeyVersion(int version) {
        return "V#" + String.format("%06d", version);
    }

    /** A round-robin counter (sales assignment). */
    public static String counter(String key) {
        return "COUNTER#" + key;
    }

    public static String stateIndex(dev.lem.lead.LeadState state) {
        return "STATE#" + state.wireName();
    }

    /** Every report item's partition starts with this ({@code REPORT#...}): the reporting function may write only here. */
    public static final String REPORT_PREFIX = "REPORT#";
    /** Sort key of a report marker ({@link #reportMarker}). */
    public static final String REPORT_MARKER_SK = "SEEN";

    /** Funnel counters of one month ({@code REPORT#F#2026-11}); the sort key starts with the day. */
    public static String funnelMonth(java.time.YearMonth month) {
        return REPORT_PREFIX + "F#" + month;
    }

    /** Journey message counters of one month. */
    public static String journeyMonth(java.time.YearMonth month) {
        return REPORT_PREFIX + "J#" + month;
    }

    /** Time-in-state histograms of one month; the sort key is {@code <day>#<state>}. */
    public static String velocityMonth(java.time.YearMonth month) {
        return REPORT_PREFIX + "V#" + month;
    }

    /** That a report tally was counted ({@code REPORT#SEEN#<event or message key>}). */
    public static String reportMarker(String key) {
        return REPORT_PREFIX + "SEEN#" + key;
    }
}
