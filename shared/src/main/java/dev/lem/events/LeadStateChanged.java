package dev.lem.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lem.lead.Lead;
import java.time.Instant;

/**
 * A lead entered a lifecycle state; {@code slaBreached} marks an SLA timer that fired. Optional (additive) for
 * reporting: {@code fromEnteredAt}, when the lead had entered {@code from} (time in state = occurredAt − it), and
 * the lead's {@code firstTouch} and {@code lastTouch} at the time of the change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadStateChanged(String eventId, Instant occurredAt, String leadId, String from, String to,
                               String reason, boolean slaBreached, Instant fromEnteredAt, EventTouch firstTouch,
                               EventTouch lastTouch) implements LemEvent {

    public LeadStateChanged(String eventId, Instant occurredAt, String leadId, String from, String to, String reason,
                            boolean slaBreached) {
        this(eventId, occurredAt, leadId, from, to, reason, slaBreached, null, null, null);
    }

    /** This change with the reporting facts of {@code before}, the lead as it was just before the change. */
    public LeadStateChanged attributed(Lead before) {
        return new LeadStateChanged(eventId, occurredAt, leadId, from, to, reason, slaBreached, before.stateEnteredAt(),
                EventTouch.of(before.attribution().firstTouch()), EventTouch.of(before.attribution().lastTouch()));
    }

    @Override
    public DetailType detailType() {
        return DetailType.LEAD_STATE_CHANGED;
    }
}
