package dev.lem.events;

import java.time.Instant;

/** Something a lead did: opened, clicked, viewed a page, submitted a form. */
public record LeadActivity(String eventId, Instant occurredAt, String leadId, String activityId, String type)
        implements LemEvent {
    @Override
    public DetailType detailType() {
        return DetailType.LEAD_ACTIVITY;
    }
}
