package dev.lem.notify;

import dev.lem.bus.EventBus;
import dev.lem.cost.Metering;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.idempotency.IdempotencyStore;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadStore;
import dev.lem.messaging.NotifyMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one requested message at most once.
 * <ol>
 *   <li>Claim the message id (a duplicate delivery stops here; one in progress elsewhere is retried later).</li>
 *   <li>Ask the {@link SendGate}. Blocked: record it, publish {@code message.failed}, done. Held (quiet hours, a
 *       cap): schedule the same message back onto the notify queue at the next allowed time ({@code at()}),
 *       record it, and give the claim back so that delivery can take it.</li>
 *   <li>Allowed: take the send claim (kept 30 days, never taken over) and call the provider. A crash after this
 *       point leaves the send claim held, so no later delivery sends again (at most once). A retryable provider
 *       failure gives both claims back and rethrows, so SQS redelivers; a refusal is recorded and not retried.</li>
 * </ol>
 * Every decision goes on the lead's activity ({@code message.sent}, {@code message.blocked}, {@code message.held},
 * {@code message.refused}).
 */
public final class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    static final Duration CLAIM_FOR = Duration.ofMinutes(5);
    static final Duration REMEMBER_FOR = Duration.ofDays(30);
    static final String ACTIVITY_SENT = "message.sent";
    static final String ACTIVITY_BLOCKED = "message.blocked";
    static final String ACTIVITY_HELD = "message.held";
    static final String ACTIVITY_REFUSED = "message.refused";
    /** A refusal whose message is already a stable code (e.g. {@code webhook-unknown}) keeps it as the reason. */
    private static final java.util.regex.Pattern REASON = java.util.regex.Pattern.compile("[a-z0-9-]{1,40}");

    private final LeadStore leads;
    private final IdempotencyStore idempotency;
    private final SendGate gate;
    private final Outbound outbound;
    private final HeldMessages held;
    private final EventBus bus;
    private final Clock clock;

    /** @param held puts a held message back on the notify queue later */
    public NotificationService(LeadStore leads, IdempotencyStore idempotency, SendGate gate, Outbound outbound,
                               HeldMessages held, EventBus bus, Clock clock) {
        this.leads = leads;
        this.idempotency = idempotency;
        this.gate = gate;
        this.outbound = outbound;
        this.held = held;
        this.bus = bus;
        this.clock = clock;
    }

    private enum Outcome { DONE, HELD }

    private record Result(Outcome outcome, Optional<MessageSent> sent) {
        static final Result DONE = new Result(Outcome.DONE, Optional.empty());
        static final Result HELD = new Result(Outcome.HELD, Optional.empty());
    }

    /** Handles one notify-queue message body. */
    public void handle(String messageBody) {
        send(Json.read(messageBody, NotifyMessage.class));
    }

    public void send(NotifyMessage message) {
        Metering.campaign(message.campaignId());
        String key = claimKey(message);
        switch (idempotency.claim(key, clock.instant(), CLAIM_FOR)) {
            case ALREADY_COMPLETED -> {
                LOG.info("message skipped reason=duplicate messageId={}", message.messageId());
                return;
            }
            case IN_PROGRESS -> throw new MessageInProgressException(message.messageId());
            case CLAIMED -> { }
        }
        Result result;
        try {
            result = deliver(message);
        } catch (RuntimeException e) {
            idempotency.release(key);
            throw e;
        }
        if (result.outcome() == Outcome.HELD) {
            idempotency.release(key);
            return;
        }
        // past this point the email may have left: a failure must not release the send claim (it is not), and a
        // lost message.sent is the lesser harm
        idempotency.complete(key, clock.instant(), REMEMBER_FOR);
        result.sent().ifPresent(bus::publish);
    }

    static String claimKey(NotifyMessage message) {
        return "notify#" + message.messageId();
    }

    static String sendClaimKey(NotifyMessage message) {
        return "notify-send#" + message.messageId();
    }

    private Result deliver(NotifyMessage message) {
        Instant now = clock.instant();
        Optional<Lead> found = leads.find(message.leadId());
        if (found.isEmpty()) {
            return block(message, "lead-not-found", now, false);
        }
        Lead lead = found.get();
        GateDecision decision = gate.decide(lead, message, now);
        return switch (decision) {
            case GateDecision.Block block -> block(message, block.reason(), now, true);
            case GateDecision.Hold hold -> hold(message, hold, now);
            case GateDecision.Send allowed -> send(lead, message, allowed, now);
        };
    }

    private Result block(NotifyMessage message, String reason, Instant now, boolean leadExists) {
        LOG.info("message blocked messageId={} reason={}", message.messageId(), reason);
        if (leadExists) {
            record(message, ACTIVITY_BLOCKED, "", now, Map.of("reason", reason));
        }
        bus.publish(failed(message, reason, now));
        return Result.DONE;
    }

    private Result hold(NotifyMessage message, GateDecision.Hold hold, Instant now) {
        held.holdUntil(message, hold.until());
        LOG.info("message held messageId={} reason={} until={}", message.messageId(), hold.reason(), hold.until());
        record(message, ACTIVITY_HELD, "." + hold.until().getEpochSecond(), now,
                Map.of("reason", hold.reason(), "until", hold.until().toString()));
        return Result.HELD;
    }

    private Result send(Lead lead, NotifyMessage message, GateDecision.Send allowed, Instant now) {
        String sendKey = sendClaimKey(message);
        if (idempotency.claim(sendKey, now, REMEMBER_FOR) != IdempotencyStore.Claim.CLAIMED) {
            // an earlier delivery reached the provider and died before finishing: it may have sent; never again
            LOG.warn("message not resent reason=earlier-attempt-may-have-sent messageId={}", message.messageId());
            return Result.DONE;
        }
        String providerId;
        try {
            providerId = outbound.send(lead, message, allowed);
        } catch (SendFailedException e) {
            if (e.retryable()) {
                idempotency.release(sendKey);
                throw e;
            }
            idempotency.complete(sendKey, now, REMEMBER_FOR);
            String reason = REASON.matcher(e.getMessage() == null ? "" : e.getMessage()).matches() ? e.getMessage()
                    : "provider-refused";
            LOG.warn("message refused messageId={} reason={}", message.messageId(), reason);
            record(message, ACTIVITY_REFUSED, "", now, Map.of("reason", reason));
            bus.publish(failed(message, reason, now));
            return Result.DONE;
        }
        idempotency.complete(sendKey, now, REMEMBER_FOR);
        LOG.info("message sent messageId={} channel={} template={}", message.messageId(), message.channel().wireName(),
                message.template());
        record(message, ACTIVITY_SENT, "", now, Map.of("template", message.template(), "providerId", providerId));
        return new Result(Outcome.DONE, Optional.of(new MessageSent("sent-" + message.messageId(), now,
                message.messageId(), message.leadId().value(), message.channel().wireName(), message.template(), providerId)));
    }

    private void record(NotifyMessage message, String type, String idSuffix, Instant now, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put("messageId", message.messageId());
        attributes.put("channel", message.channel().wireName());
        attributes.put("category", message.category().wireName());
        if (message.campaignId() != null) {
            attributes.put("campaignId", message.campaignId());
        }
        leads.recordActivity(new Activity(type + "." + message.messageId() + idSuffix, message.leadId(), type, now, attributes));
    }

    private static MessageFailed failed(NotifyMessage message, String reason, Instant now) {
        return new MessageFailed("failed-" + message.messageId(), now, message.messageId(), message.leadId().value(),
                message.channel().wireName(), reason, false);
    }
}
