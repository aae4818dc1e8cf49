package dev.lem.local.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * One email the outbox "sent": what notifications asked for and what it looks like rendered.
 *
 * @param number    position in the outbox, from 1; the page is {@code /outbox/{number}}
 * @param messageId LEM's message id (deterministic per campaign, step and lead)
 */
public record SentEmail(long number, String messageId, String to, String template, Map<String, String> data,
                        String subject, String html, String text, Instant sentAt) {

    public SentEmail {
        data = Map.copyOf(data);
    }

    /** The id the outbox answers as the provider's message id. */
    public String providerId() {
        return "outbox-" + number;
    }

    @Override
    public String toString() {
        return "SentEmail[" + providerId() + ", template=" + template + "]";
    }
}
