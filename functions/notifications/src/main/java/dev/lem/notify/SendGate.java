package dev.lem.notify;

import dev.lem.lead.Lead;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.util.Optional;

/**
 * The one gate every message passes (DESIGN §1). Here: the lead must have an address for the channel,
 * and marketing needs the lead's consent for it. Suppression, frequency caps and quiet hours join it
 * with the notifications issue.
 */
public final class SendGate {

    /** Why a message may not go, or empty when it may. Reasons are stable codes, used in events. */
    public Optional<String> blockReason(Lead lead, NotifyMessage message) {
        String channel = message.channel().wireName();
        if (lead.email() == null) {
            return Optional.of("no-address");
        }
        if (message.category() == MessageCategory.MARKETING && !lead.hasConsent(channel)) {
            return Optional.of("no-consent");
        }
        return Optional.empty();
    }
}
