package dev.lem.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.util.List;

/**
 * Turns events into their wire detail and back, validating against the contract on the way in, so a
 * consumer never acts on an event that breaks the schema.
 */
public final class EventCodec {

    private final EventContract contract;

    public EventCodec(EventContract contract) {
        this.contract = contract;
    }

    public static EventCodec create() {
        return new EventCodec(EventContract.load());
    }

    public JsonNode detail(LemEvent event) {
        return Json.mapper().valueToTree(event);
    }

    /** Decodes an envelope's detail into its event type; rejects unknown types and schema violations. */
    public LemEvent decode(EventEnvelope envelope) {
        DetailType type = DetailType.fromWireName(envelope.detailType())
                .orElseThrow(() -> new InvalidEventException("unknown detail-type " + envelope.detailType()));
        if (!type.source().equals(envelope.source())) {
            throw new InvalidEventException(type.wireName() + " must come from source " + type.source());
        }
        return decode(type, envelope.detail());
    }

    public LemEvent decode(DetailType type, JsonNode detail) {
        List<String> errors = contract.validate(type, detail);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(type.wireName() + " violates its schema: " + String.join("; ", errors));
        }
        try {
            return Json.convert(detail, javaType(type));
        } catch (MalformedJsonException e) {
            throw new InvalidEventException(type.wireName() + " cannot be read: " + e.getMessage());
        }
    }

    private static Class<? extends LemEvent> javaType(DetailType type) {
        return switch (type) {
            case LEAD_CAPTURED -> LeadCaptured.class;
            case LEAD_ACTIVITY -> LeadActivity.class;
            case LEAD_SCORED -> LeadScored.class;
            case LEAD_STATE_CHANGED -> LeadStateChanged.class;
            case CAMPAIGN_TRIGGER -> CampaignTrigger.class;
            case MESSAGE_SENT -> MessageSent.class;
            case MESSAGE_FAILED -> MessageFailed.class;
            case LEAD_OUTCOME -> LeadOutcome.class;
        };
    }
}
