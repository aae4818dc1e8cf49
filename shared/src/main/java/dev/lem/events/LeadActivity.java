package dev.lem.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Something a lead did: opened, clicked, viewed a page, submitted a form, answered a survey. A
 * {@value #SURVEY_ANSWERED} activity also names the {@code survey} ({@code <journey>.<step>}) and the
 * {@code answer} (0–10); other activities leave both out. An email open or click names its {@code messageId}
 * (additive, for per-message reporting).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadActivity(String eventId, Instant occurredAt, String leadId, String activityId, String type,
                           String survey, Integer answer, String messageId) implements LemEvent {

    public static final String SURVEY_ANSWERED = "survey.answered";

    public LeadActivity(String eventId, Instant occurredAt, String leadId, String activityId, String type) {
        this(eventId, occurredAt, leadId, activityId, type, null, null, null);
    }

    public LeadActivity(String eventId, Instant occurredAt, String leadId, String activityId, String type,
                        String survey, Integer answer) {
        this(eventId, occurredAt, leadId, activityId, type, survey, answer, null);
    }

    /** An email open or click of message {@code messageId} (published by scoring once it applied the activity). */
    public static LeadActivity ofMessage(String activityId, Instant at, String leadId, String type, String messageId) {
        return new LeadActivity(activityId, at, leadId, activityId, type, null, null, messageId);
    }

    /** The suffix of an unsubscribe's type ({@code email.unsubscribe}, {@code sms.unsubscribe}): it ends every journey. */
    public static final String UNSUBSCRIBE_SUFFIX = ".unsubscribe";

    /**
     * The lead stopped hearing from us on {@code channel} (an unsubscribe link, the preference page, a complaint):
     * type {@code <channel>.unsubscribe}. The router ends every running journey of the lead on it.
     */
    public static LeadActivity unsubscribed(String eventId, Instant at, String leadId, String activityId, String channel) {
        return new LeadActivity(eventId, at, leadId, activityId, channel + UNSUBSCRIBE_SUFFIX);
    }

    /** Whether an activity of this type is an unsubscribe (any channel). */
    public static boolean isUnsubscribe(String type) {
        return type != null && type.endsWith(UNSUBSCRIBE_SUFFIX);
    }

    public static LeadActivity surveyAnswered(String activityId, Instant at, String leadId, String survey, int answer) {
        return new LeadActivity(activityId, at, leadId, activityId, SURVEY_ANSWERED, survey, answer);
    }

    @Override
    public DetailType detailType() {
        return DetailType.LEAD_ACTIVITY;
    }
}
