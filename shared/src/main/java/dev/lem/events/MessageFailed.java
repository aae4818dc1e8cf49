package dev.lem.events;

import java.time.Instant;

/** A message was not sent: blocked by the send gate or refused by the provider. */
public record MessageFailed(String eventId, Instant occurredAt, String messageId, String leadId, String channel,
                            String reason, boolean retryable) implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.MESSAGE_FAILED;
    }
}
