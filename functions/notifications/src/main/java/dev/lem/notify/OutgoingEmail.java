package dev.lem.notify;

import dev.lem.lead.EmailAddress;
import java.util.Map;

/**
 * One templated email, ready for the provider. {@code messageId} travels as a tag for SES events;
 * {@code headers} are extra message headers (List-Unsubscribe, List-Unsubscribe-Post).
 */
public record OutgoingEmail(String messageId, EmailAddress to, String template, Map<String, String> data,
                            Map<String, String> headers) {
    public OutgoingEmail {
        data = Map.copyOf(data);
        // headers keep their order (List-Unsubscribe before List-Unsubscribe-Post), so the request is the same every time
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    public OutgoingEmail(String messageId, EmailAddress to, String template, Map<String, String> data) {
        this(messageId, to, template, data, Map.of());
    }

    @Override
    public String toString() {
        return "OutgoingEmail[messageId=" + messageId + ", template=" + template + "]";
    }
}
