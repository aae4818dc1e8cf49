package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadOutcome;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** How journeys see a bus event: the JSON their patterns match, the lead it is about, its scalar properties. */
public final class JourneyEvents {

    public static final int MAX_CONTEXT_ENTRIES = 20;
    public static final int MAX_CONTEXT_VALUE = 256;

    private JourneyEvents() {}

    /** The event as EventBridge matches it: {@code source}, {@code detail-type} and {@code detail}. */
    public static String matchable(LemEvent event, JsonNode detail) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("source", event.detailType().source());
        envelope.put("detail-type", event.detailType().wireName());
        envelope.set("detail", detail == null ? Json.mapper().valueToTree(event) : detail);
        return Json.write(envelope);
    }

    public static String matchable(LemEvent event) {
        return matchable(event, null);
    }

    /** The lead an event is about; campaign triggers name theirs (or an audience), message events are not routed. */
    public static Optional<String> leadId(LemEvent event) {
        return switch (event) {
            case LeadCaptured e -> Optional.of(e.leadId());
            case LeadActivity e -> Optional.of(e.leadId());
            case LeadScored e -> Optional.of(e.leadId());
            case LeadStateChanged e -> Optional.of(e.leadId());
            case CampaignTrigger e -> Optional.ofNullable(e.leadId());
            case LeadOutcome e -> Optional.of(e.leadId());
            case MessageSent e -> Optional.empty();
            case MessageFailed e -> Optional.empty();
        };
    }

    /** The detail's scalar properties (and those of its objects, as {@code parent.child}) as text (bounded), kept with an enrolment for conditions and message data. */
    public static Map<String, String> context(JsonNode detail) {
        Map<String, String> context = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = detail.fields();
        while (fields.hasNext() && context.size() < MAX_CONTEXT_ENTRIES) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                // one level down, e.g. a campaign trigger's attributes: event.attributes.<name>
                Iterator<Map.Entry<String, JsonNode>> inner = value.fields();
                while (inner.hasNext() && context.size() < MAX_CONTEXT_ENTRIES) {
                    Map.Entry<String, JsonNode> child = inner.next();
                    putScalar(context, field.getKey() + "." + child.getKey(), child.getValue());
                }
            } else {
                putScalar(context, field.getKey(), value);
            }
        }
        return context;
    }

    private static void putScalar(Map<String, String> context, String key, JsonNode value) {
        if (value.isValueNode() && !value.isNull() && value.asText().length() <= MAX_CONTEXT_VALUE) {
            context.put(key, value.asText());
        }
    }
}
