package dev.lem.notify;

import dev.lem.bus.EventBus;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.idempotency.IdempotencyStore;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadStore;
import dev.lem.messaging.Channel;
import dev.lem.messaging.NotifyMessage;
import dev.lem.links.TrackingLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one requested message at most once: claim the message id, pass the send gate, send, complete the
 * claim, publish {@code message.sent} (a blocked or refused message publishes {@code message.failed} with the
 * reason before the claim completes). A send that fails retryably releases the claim and throws, so SQS
 * redelivers it; one refused for good is recorded and not retried.
 */
public final class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    static final Duration CLAIM_FOR = Duration.ofMinutes(5);
    static final Duration REMEMBER_FOR = Duration.ofDays(30);

    private final LeadStore leads;
    private final IdempotencyStore idempotency;
    private final SendGate gate;
    private final Mailer mailer;
    private final EventBus bus;
    /**
     * Every message data entry named {@code …Url} whose value is an absolute http(s) URL also reaches the
     * template as {@code …UrlTracked}: a signed click link ({@code /t/c}) that records the click and redirects.
     */
    static final String TRACKED_SUFFIX = "Tracked";

    private final TrackingLinks links;
    private final Clock clock;

    public NotificationService(LeadStore leads, IdempotencyStore idempotency, SendGate gate, Mailer mailer,
                               EventBus bus, TrackingLinks links, Clock clock) {
        this.leads = leads;
        this.idempotency = idempotency;
        this.gate = gate;
        this.mailer = mailer;
        this.bus = bus;
        this.links = links;
        this.clock = clock;
    }

    /** Handles one notify-queue message body. */
    public void handle(String messageBody) {
        send(Json.read(messageBody, NotifyMessage.class));
    }

    public void send(NotifyMessage message) {
        String key = "notify#" + message.messageId();
        switch (idempotency.claim(key, clock.instant(), CLAIM_FOR)) {
            case ALREADY_COMPLETED -> {
                LOG.info("message skipped reason=duplicate messageId={}", message.messageId());
                return;
            }
            case IN_PROGRESS -> throw new MessageInProgressException(message.messageId());
            case CLAIMED -> { }
        }
        Optional<MessageSent> sent;
        try {
            sent = deliver(message);
        } catch (RuntimeException e) {
            idempotency.release(key);
            throw e;
        }
        // past this point the email may have left: a failure must not release the claim, or the redelivery
        // would send it again; a lost message.sent is the lesser harm
        idempotency.complete(key, clock.instant(), REMEMBER_FOR);
        sent.ifPresent(bus::publish);
    }

    /** Blocks or sends; the {@code message.sent} to publish once the claim is completed, if it was sent. */
    private Optional<MessageSent> deliver(NotifyMessage message) {
        Optional<Lead> lead = leads.find(message.leadId());
        Optional<String> blocked = lead.isEmpty() ? Optional.of("lead-not-found")
                : message.channel() != Channel.EMAIL ? Optional.of("channel-not-supported")
                : gate.blockReason(lead.get(), message);
        Instant now = clock.instant();
        if (blocked.isPresent()) {
            LOG.info("message blocked messageId={} reason={}", message.messageId(), blocked.get());
            bus.publish(new MessageFailed("failed-" + message.messageId(), now, message.messageId(),
                    message.leadId().value(), message.channel().wireName(), blocked.get(), false));
            return Optional.empty();
        }
        String providerId;
        try {
            providerId = mailer.send(new OutgoingEmail(message.messageId(), lead.get().email(), message.template(),
                    templateData(lead.get(), message)));
        } catch (SendFailedException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("message refused messageId={} reason={}", message.messageId(), e.getMessage());
            bus.publish(new MessageFailed("failed-" + message.messageId(), now, message.messageId(),
                    message.leadId().value(), message.channel().wireName(), "provider-refused", false));
            return Optional.empty();
        }
        LOG.info("message sent messageId={} template={}", message.messageId(), message.template());
        return Optional.of(new MessageSent("sent-" + message.messageId(), now, message.messageId(), message.leadId().value(),
                message.channel().wireName(), message.template(), providerId));
    }

    private Map<String, String> templateData(Lead lead, NotifyMessage message) {
        Map<String, String> data = new HashMap<>(message.data());
        data.put("name", lead.profile().getOrDefault("name", ""));
        data.put("company", lead.profile().getOrDefault("company", ""));
        data.put("openPixelUrl", links.openPixelUrl(lead.id(), message.messageId()));
        message.data().forEach((key, value) -> {
            if (key.endsWith("Url") && TrackingLinks.isRedirectable(value)) {
                data.put(key + TRACKED_SUFFIX, links.clickUrl(lead.id(), message.messageId(), value));
            }
        });
        return data;
    }
}
