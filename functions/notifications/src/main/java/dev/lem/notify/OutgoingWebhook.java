package dev.lem.notify;

import java.net.URI;
import java.util.Objects;

/** One webhook call, ready to sign and post: the configured target and the JSON body. */
public record OutgoingWebhook(String messageId, String name, URI target, String body) {
    public OutgoingWebhook {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "OutgoingWebhook[messageId=" + messageId + ", name=" + name + "]";
    }
}
