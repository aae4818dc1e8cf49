package dev.lem.notify;

import dev.lem.lead.Lead;
import dev.lem.messaging.NotifyMessage;

/** Hands a message the gate let through to its channel's provider. */
public final class Outbound {

    private final EmailComposer composer;
    private final Mailer mailer;

    public Outbound(EmailComposer composer, Mailer mailer) {
        this.composer = composer;
        this.mailer = mailer;
    }

    /**
     * @return the provider's message id
     * @throws SendFailedException when the provider refused (or failed, {@link SendFailedException#retryable()})
     */
    public String send(Lead lead, NotifyMessage message, GateDecision.Send allowed) {
        return switch (message.channel()) {
            case EMAIL -> mailer.send(composer.compose(lead, message, lead.email()));
            case SMS, WEBHOOK -> throw new SendFailedException("channel-not-supported", false, null);
        };
    }
}
