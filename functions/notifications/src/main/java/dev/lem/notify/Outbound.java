package dev.lem.notify;

import dev.lem.lead.Lead;
import dev.lem.messaging.NotifyMessage;
import dev.lem.messaging.PhoneNumber;
import java.time.Clock;
import java.util.Optional;

/**
 * Hands a message the gate let through to its channel's provider: email (templated, SES v2), SMS (SNS), webhook
 * (signed HTTPS POST). A channel without a provider refuses its messages ({@code channel-not-configured}).
 */
public final class Outbound {

    /** The SMS side: how texts are written and who sends them. */
    public record Sms(SmsComposer composer, SmsSender sender) {}

    /** The webhook side: which targets exist, how bodies are written and who delivers them. */
    public record Webhooks(WebhookComposer composer, WebhookSender sender) {}

    private final EmailComposer composer;
    private final Mailer mailer;
    private final Optional<Sms> sms;
    private final Optional<Webhooks> webhooks;
    private final Clock clock;

    /** Email only. */
    public Outbound(EmailComposer composer, Mailer mailer) {
        this(composer, mailer, Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    public Outbound(EmailComposer composer, Mailer mailer, Optional<Sms> sms, Optional<Webhooks> webhooks, Clock clock) {
        this.composer = composer;
        this.mailer = mailer;
        this.sms = sms;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * @return the provider's message id
     * @throws SendFailedException when the provider refused (or failed, {@link SendFailedException#retryable()})
     */
    public String send(Lead lead, NotifyMessage message, GateDecision.Send allowed) {
        return switch (message.channel()) {
            case EMAIL -> mailer.send(composer.compose(lead, message, lead.email()));
            case SMS -> {
                Sms side = sms.orElseThrow(() -> new SendFailedException("channel-not-configured", false, null));
                PhoneNumber to = new PhoneNumber(allowed.recipient()
                        .orElseThrow(() -> new SendFailedException("no-address", false, null)).address());
                yield side.sender().send(side.composer().compose(lead, message, to));
            }
            case WEBHOOK -> {
                Webhooks side = webhooks.orElseThrow(() -> new SendFailedException("channel-not-configured", false, null));
                yield side.sender().send(side.composer().compose(lead, message, clock.instant()));
            }
        };
    }
}
