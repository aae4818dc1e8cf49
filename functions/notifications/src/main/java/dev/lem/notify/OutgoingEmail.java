package dev.lem.notify;

import dev.lem.lead.EmailAddress;
import java.util.Map;

/** One templated email, ready for the provider. {@code messageId} travels as a tag for SES events. */
public record OutgoingEmail(String messageId, EmailAddress to, String template, Map<String, String> data) {
    public OutgoingEmail {
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        return "OutgoingEmail[messageId=" + messageId + ", template=" + template + "]";
    }
}
