package dev.lem.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lem.lead.Touch;

/**
 * The attribution a lifecycle event carries for reporting: the campaign, source and form of one marketing touch
 * (any may be null: unknown). No PII: these are marketers' labels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTouch(String campaign, String source, String formId) {

    /** The touch's labels, or null for no touch (a lead without attribution). */
    public static EventTouch of(Touch touch) {
        if (touch == null) {
            return null;
        }
        return new EventTouch(clip(touch.campaign()), clip(touch.source()), clip(touch.formId()));
    }

    private static String clip(String value) {
        return value == null || value.length() <= 128 ? value : value.substring(0, 128);
    }
}
