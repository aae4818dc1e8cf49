package dev.lem.messaging;

import java.util.regex.Pattern;

/**
 * What a marketing message is about ({@code newsletter}, {@code product-updates}…), so a lead can opt out of one
 * topic and keep the others. A message names its topic in its data ({@link #MESSAGE_FIELD}); the lead's choice is
 * kept with its consents under {@link #consentKey()}.
 */
public record Topic(String id, String label) {

    /** The {@link NotifyMessage#data()} entry naming the topic of a marketing message. */
    public static final String MESSAGE_FIELD = "topic";
    private static final String CONSENT_PREFIX = "topic:";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public Topic {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a topic id must be 1-32 lower-case letters, digits and '-', got '" + id + "'");
        }
        if (label == null || label.isBlank() || label.length() > 80) {
            throw new IllegalArgumentException("topic " + id + " needs a label of 1-80 characters");
        }
    }

    /** Where the lead's choice for this topic is kept among its consents. */
    public String consentKey() {
        return CONSENT_PREFIX + id;
    }
}
