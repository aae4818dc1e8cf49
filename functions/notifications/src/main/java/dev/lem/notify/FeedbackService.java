package dev.lem.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.bus.EventBus;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadStateChanged;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.Activity;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.messaging.Channel;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionList;
import dev.lem.messaging.SuppressionReason;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SES feedback (event publishing of the configuration set, through SNS, raw or in its envelope):
 * <ul>
 *   <li>a permanent bounce suppresses the address ({@code hard-bounce}) and moves its lead to {@code unreachable}
 *       (publishing {@code lead.state-changed});</li>
 *   <li>a complaint suppresses the address ({@code complaint}) and publishes {@code email.unsubscribe}
 *       ({@code lead.activity}), so the router ends the lead's journeys and cancels their timers;</li>
 *   <li>bounces, complaints, deliveries, opens and clicks go on the lead's activity ({@code email.bounced},
 *       {@code email.complained}, {@code email.delivered}, {@code email.opened}, {@code email.clicked}).</li>
 * </ul>
 * Leads are found by the keyed hash of the recipient address; nothing stores the address. Every step is idempotent
 * (activity ids derive from SES's message id, event type and time), so a redelivered notification changes nothing.
 * Other event types (Send, Reject, DeliveryDelay, …) are ignored.
 */
public final class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final LeadStore leads;
    private final SuppressionList suppressions;
    private final IdentityHasher hasher;
    private final EventBus bus;

    public FeedbackService(LeadStore leads, SuppressionList suppressions, IdentityHasher hasher, EventBus bus) {
        this.leads = leads;
        this.suppressions = suppressions;
        this.hasher = hasher;
        this.bus = bus;
    }

    /** One SQS record body: an SES event, or an SNS notification carrying one. */
    public void handle(String body) {
        JsonNode event = unwrap(Json.tree(body));
        String type = text(event, "eventType").or(() -> text(event, "notificationType"))
                .orElseThrow(() -> new MalformedJsonException("not an SES event: no eventType", null));
        JsonNode mail = event.path("mail");
        String sesId = text(mail, "messageId").filter(id -> id.matches("[A-Za-z0-9._-]{1,100}"))
                .orElseThrow(() -> new MalformedJsonException("SES event without a valid mail.messageId", null));
        switch (type) {
            case "Bounce" -> bounce(event, sesId);
            case "Complaint" -> perRecipient(event, sesId, "complaint", "complainedRecipients", "email.complained",
                    Optional.of(SuppressionReason.COMPLAINT), Map.of());
            case "Delivery" -> perRecipient(event, sesId, "delivery", null, "email.delivered", Optional.empty(), Map.of());
            case "Open" -> perRecipient(event, sesId, "open", null, "email.opened", Optional.empty(), Map.of());
            case "Click" -> perRecipient(event, sesId, "click", null, "email.clicked", Optional.empty(),
                    text(event.path("click"), "link").map(l -> Map.of("link", l.length() > 2048 ? l.substring(0, 2048) : l))
                            .orElse(Map.of()));
            default -> LOG.info("ses event ignored type={}", type.length() > 40 ? "other" : type);
        }
    }

    private void bounce(JsonNode event, String sesId) {
        String bounceType = text(event.path("bounce"), "bounceType").orElse("Undetermined");
        boolean permanent = bounceType.equals("Permanent");
        perRecipient(event, sesId, "bounce", "bouncedRecipients", "email.bounced",
                permanent ? Optional.of(SuppressionReason.HARD_BOUNCE) : Optional.empty(),
                Map.of("bounceType", bounceType.toLowerCase(Locale.ROOT)));
    }

    /**
     * For each recipient (of {@code listField} under {@code section}, else the mail's destination): suppress when
     * asked, record the activity, and after a hard bounce make the lead unreachable.
     */
    private void perRecipient(JsonNode event, String sesId, String section, String listField, String activityType,
                              Optional<SuppressionReason> suppress, Map<String, String> attributes) {
        Instant at = timestamp(event.path(section)).or(() -> timestamp(event.path("mail")))
                .orElseThrow(() -> new MalformedJsonException("SES event without a timestamp", null));
        for (EmailAddress address : recipients(event, section, listField)) {
            String hash = hasher.hash(address);
            suppress.ifPresent(reason -> suppressions.suppress(new Suppression(hash, reason, at)));
            Optional<Lead> lead = leads.findByEmailHash(hash);
            if (lead.isEmpty()) {
                LOG.info("ses event without a lead type={} sesMessageId={}", activityType, sesId);
                continue;
            }
            Map<String, String> attrs = new LinkedHashMap<>(attributes);
            attrs.put("sesMessageId", sesId);
            leads.recordActivity(new Activity("ses." + sesId + "." + activityType + "." + at.toEpochMilli(),
                    lead.get().id(), activityType, at, attrs));
            if (suppress.filter(r -> r == SuppressionReason.HARD_BOUNCE).isPresent()) {
                markUnreachable(lead.get(), sesId, at);
            }
            if (suppress.filter(r -> r == SuppressionReason.COMPLAINT).isPresent()) {
                // a complaint is an unsubscribe from email: the router ends the lead's journeys (same id on redelivery)
                String id = "ses." + sesId + ".complaint"; // at most 114 characters, the contract allows 128
                bus.publish(LeadActivity.unsubscribed(id, at, lead.get().id().value(), id, Channel.EMAIL.wireName()));
            }
        }
    }

    private void markUnreachable(Lead found, String sesId, Instant at) {
        Lead lead = found;
        for (int attempt = 1; lead.state() != LeadState.UNREACHABLE; attempt++) {
            try {
                leads.update(lead.withState(LeadState.UNREACHABLE, at));
                LOG.info("lead unreachable leadId={} reason=hard-bounce", lead.id());
                bus.publish(new LeadStateChanged("unreachable-" + sesId + "-" + lead.id().value().substring(0, 8), at,
                        lead.id().value(), lead.state().wireName(), LeadState.UNREACHABLE.wireName(), "hard-bounce", false)
                        .attributed(lead));
                return;
            } catch (LeadConflictException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
                lead = leads.find(lead.id()).orElse(null);
                if (lead == null) {
                    return;
                }
            }
        }
    }

    private static List<EmailAddress> recipients(JsonNode event, String section, String listField) {
        List<EmailAddress> addresses = new ArrayList<>();
        JsonNode list = listField == null ? event.path("mail").path("destination") : event.path(section).path(listField);
        for (JsonNode item : list) {
            String raw = item.isTextual() ? item.asText() : item.path("emailAddress").asText("");
            EmailAddress.parse(stripDisplayName(raw)).ifPresent(addresses::add);
        }
        return addresses;
    }

    /** {@code "Ada <ada@example.com>"} → {@code ada@example.com}. */
    private static String stripDisplayName(String raw) {
        int open = raw.lastIndexOf('<');
        int close = raw.lastIndexOf('>');
        return open >= 0 && close > open ? raw.substring(open + 1, close) : raw;
    }

    private static JsonNode unwrap(JsonNode node) {
        if (node != null && "Notification".equals(node.path("Type").asText()) && node.path("Message").isTextual()) {
            return Json.tree(node.get("Message").asText());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedJsonException("SES event must be a JSON object", null);
        }
        return node;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<Instant> timestamp(JsonNode node) {
        try {
            return text(node, "timestamp").map(Instant::parse);
        } catch (DateTimeException e) {
            throw new MalformedJsonException("SES event timestamp is not ISO-8601", null);
        }
    }
}
