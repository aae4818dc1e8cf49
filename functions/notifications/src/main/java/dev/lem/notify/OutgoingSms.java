package dev.lem.notify;

import dev.lem.messaging.PhoneNumber;
import java.util.Objects;

/** One text message, ready for the provider: transactional (operational) or promotional (marketing). */
public record OutgoingSms(String messageId, PhoneNumber to, String text, boolean promotional) {

    /** SNS's limit for one (concatenated) SMS. */
    public static final int MAX_LENGTH = 1_600;

    public OutgoingSms {
        Objects.requireNonNull(to, "to");
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SMS text must be 1-" + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "OutgoingSms[messageId=" + messageId + ", promotional=" + promotional + "]";
    }
}
