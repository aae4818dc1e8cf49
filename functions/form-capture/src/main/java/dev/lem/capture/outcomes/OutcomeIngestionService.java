package dev.lem.capture.outcomes;

import dev.lem.bus.EventBus;
import dev.lem.bus.EventPublishException;
import dev.lem.capture.outcomes.OutcomeReport.InvalidOutcomeException;
import dev.lem.events.LeadOutcome;
import dev.lem.idempotency.IdempotencyStore;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadMove;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.json.Json;
import dev.lem.queue.MessageQueue;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.store.Keys;
import dev.lem.store.StoreUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /outcomes}: a CRM or call centre reports how a lead ended (won, lost, disqualified); LEM publishes
 * {@code lead.outcome}, the training data of the predictive score, and queues a {@link LeadMove} on the activity
 * queue (won → customer, lost → re-market, disqualified → disqualified with the reason), which scoring applies
 * where the lifecycle allows it ({@link LeadMove#ifAllowed}); the move id is derived from the event id, so a
 * re-queued move is a no-op.
 *
 * <p>Idempotent per {@code (source, externalId)}: the event id is a keyed hash of the pair (EventBridge consumers
 * dedupe on it), and a claim ({@code IDEM#outcomes#<event id>}, kept {@link #REMEMBERED}) answers a repeat with
 * {@code duplicate} without publishing again. The first report wins: a repeat with other content is a duplicate —
 * a changed verdict is a new deal id. An unknown lead (by id or by email hash) is refused; no lead is created.
 */
public final class OutcomeIngestionService {

    static final Duration REMEMBERED = Duration.ofDays(365);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

    /** What became of a report: {@code status} is the HTTP status, {@code result} its name. */
    public record Result(int status, String result, String eventId, String leadId, String error) {}

    private final LeadStore leads;
    private final IdentityHasher identity;
    private final IdempotencyStore claims;
    private final EventBus bus;
    private final MessageQueue activityQueue;

    public OutcomeIngestionService(LeadStore leads, IdentityHasher identity, IdempotencyStore claims, EventBus bus,
                                   MessageQueue activityQueue) {
        this.leads = leads;
        this.identity = identity;
        this.claims = claims;
        this.bus = bus;
        this.activityQueue = activityQueue;
    }

    /** @throws InvalidOutcomeException when the body is unusable (nothing is done) */
    public Result record(String body, Instant now) throws InvalidOutcomeException {
        OutcomeReport report = OutcomeReport.parse(body, now);
        String eventId = eventId(report);
        Optional<Lead> lead;
        try {
            lead = report.leadId().isPresent() ? leads.find(report.leadId().get())
                    : leads.findByEmailHash(identity.hash(report.email().orElseThrow()));
        } catch (StoreUnavailableException e) {
            return new Result(503, "unavailable", eventId, null, "the lead store is unavailable: retry");
        }
        if (lead.isEmpty()) {
            return new Result(404, "unknown-lead", eventId, null,
                    report.leadId().isPresent() ? "no lead with this id" : "no lead with this email");
        }
        String leadId = lead.get().id().value();
        String key = Keys.OUTCOME_CLAIM_SCOPE + eventId;
        IdempotencyStore.Claim claim;
        try {
            claim = claims.claim(key, now, CLAIM_TIMEOUT);
        } catch (StoreUnavailableException e) {
            return new Result(503, "unavailable", eventId, leadId, "the store is unavailable: retry");
        }
        switch (claim) {
            case ALREADY_COMPLETED -> {
                return new Result(200, "duplicate", eventId, leadId, null);
            }
            case IN_PROGRESS -> {
                return new Result(409, "in-progress", eventId, leadId, "the same report is being processed: retry");
            }
            case CLAIMED -> {
                // ours
            }
        }
        LeadOutcome event = new LeadOutcome(eventId, report.occurredAt(), leadId, report.outcome(),
                report.value().orElse(null), report.currency().orElse(null), report.reason().orElse(null),
                report.source());
        try {
            activityQueue.send(Json.write(move(eventId, lead.get().id(), report)));
        } catch (QueueUnavailableException e) {
            releaseQuietly(key);
            return new Result(503, "unavailable", eventId, leadId, "the activity queue is unavailable: retry");
        }
        try {
            bus.publish(event);
        } catch (EventPublishException e) {
            releaseQuietly(key);
            return new Result(503, "unavailable", eventId, leadId, "the event bus is unavailable: retry");
        }
        try {
            claims.complete(key, now, REMEMBERED);
        } catch (StoreUnavailableException e) {
            // published: a retry after the claim times out publishes the same event id again, which consumers dedupe
        }
        return new Result(202, "accepted", eventId, leadId, null);
    }

    private void releaseQuietly(String key) {
        try {
            claims.release(key);
        } catch (StoreUnavailableException e) {
            // the claim expires after CLAIM_TIMEOUT
        }
    }

    /** The lifecycle move an outcome asks for; its id is the event id's, so a repeat is a no-op in scoring. */
    static LeadMove move(String eventId, LeadId leadId, OutcomeReport report) {
        String because = report.reason().orElse(report.outcome() + " (reported by " + report.source() + ")");
        LeadState to = switch (report.outcome()) {
            case "won" -> LeadState.CUSTOMER;
            case "lost" -> LeadState.RE_MARKET;
            case "disqualified" -> LeadState.DISQUALIFIED;
            default -> throw new IllegalArgumentException("unknown outcome " + report.outcome());
        };
        return LeadMove.ifAllowed("move-" + eventId, leadId, to, because, report.occurredAt());
    }

    /** {@code outcome-} + 128 bits of the keyed hash of source and external id. */
    String eventId(OutcomeReport report) {
        return "outcome-" + identity.hashPayload("outcomes\u0000" + report.source() + "\u0000" + report.externalId())
                .substring(0, 32);
    }
}
