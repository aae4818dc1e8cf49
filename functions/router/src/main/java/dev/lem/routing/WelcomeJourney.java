package dev.lem.routing;

import dev.lem.journey.DripStep;
import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The built-in journey every captured lead starts: the welcome email now (transactional: the lead asked
 * for it), then, only with email consent, a nurture email two days later through the drip scheduler.
 * Campaigns defined as data by marketers come with the journeys issue.
 */
public final class WelcomeJourney {

    public static final String CAMPAIGN_ID = "welcome";
    public static final Duration FOLLOW_UP_AFTER = Duration.ofDays(2);

    private WelcomeJourney() {}

    public static NotifyMessage welcome(LeadId leadId, String formId) {
        return new NotifyMessage(NotifyMessage.idFor(CAMPAIGN_ID, 1, leadId), leadId, Channel.EMAIL,
                MessageCategory.TRANSACTIONAL, CAMPAIGN_ID, "welcome", Map.of("formId", formId));
    }

    public static DripStep followUp(LeadId leadId, Instant capturedAt) {
        return new DripStep(leadId, CAMPAIGN_ID, 2, capturedAt.plus(FOLLOW_UP_AFTER));
    }
}
