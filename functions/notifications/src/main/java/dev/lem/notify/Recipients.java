package dev.lem.notify;

import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.messaging.Channel;
import dev.lem.messaging.PhoneNumber;
import java.util.Optional;

/**
 * A lead's address on a channel: its email (hash: the lead's email hash), or the E.164 number in its profile
 * field {@value #PHONE_FIELD} (hash: {@link IdentityHasher#hashPhone}). Webhooks go to systems, not leads.
 */
public final class Recipients {

    public static final String PHONE_FIELD = "phone";

    private final IdentityHasher hasher;

    public Recipients(IdentityHasher hasher) {
        this.hasher = hasher;
    }

    public Optional<Recipient> of(Lead lead, Channel channel) {
        return switch (channel) {
            case EMAIL -> lead.email() == null || lead.emailHash() == null ? Optional.empty()
                    : Optional.of(new Recipient(channel, lead.email().value(), lead.emailHash()));
            case SMS -> PhoneNumber.parse(lead.profile().get(PHONE_FIELD))
                    .map(phone -> new Recipient(channel, phone.value(), hasher.hashPhone(phone.value())));
            case WEBHOOK -> Optional.empty();
        };
    }
}
