package dev.lem.events;

import java.time.Instant;

/** A message left through a channel; {@code providerMessageId} is SES's or SNS's id. */
public record MessageSent(String eventId, Instant occurredAt, String messageId, String leadId, String channel,
                          String template, String providerMessageId) implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.MESSAGE_SENT;
    }
}
