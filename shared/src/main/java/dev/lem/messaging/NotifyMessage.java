package dev.lem.messaging;

import dev.lem.lead.LeadId;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to send one message, as it travels on the notify queue. It names the lead, never its
 * address: notifications looks the address up, so no PII sits in queues. {@code messageId} is
 * deterministic (campaign, step, lead), so the same message is sent at most once however often it is
 * requested.
 */
public record NotifyMessage(String messageId, LeadId leadId, Channel channel, MessageCategory category,
                            String campaignId, String template, Map<String, String> data) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:#-]{1,128}");
    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public NotifyMessage {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(category, "category");
        if (messageId == null || !ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("messageId must be 1-128 of [A-Za-z0-9._:#-]");
        }
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("template must be 1-64 of [a-z0-9._-]");
        }
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The id of message {@code step} of a campaign for a lead. */
    public static String idFor(String campaignId, int step, LeadId leadId) {
        return campaignId + "." + step + "." + leadId.value();
    }
}
