package dev.lem.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An event of LEM's contract: the detail of an EventBridge event on the {@code lem} bus. Details carry
 * ids, never PII. {@link #eventId()} is stable across redelivery, so consumers deduplicate on it.
 */
public sealed interface LemEvent permits LeadCaptured, LeadActivity, LeadScored, LeadStateChanged,
        CampaignTrigger, MessageSent, MessageFailed, LeadOutcome {

    String eventId();

    Instant occurredAt();

    @JsonIgnore
    DetailType detailType();

    @JsonProperty("schemaVersion")
    default int schemaVersion() {
        return DetailType.CURRENT_VERSION;
    }
}
