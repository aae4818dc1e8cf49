package dev.lem.notify;

import dev.lem.messaging.Channel;

/** Where a message goes on its channel (an email address, an E.164 number) and that address's keyed hash. */
public record Recipient(Channel channel, String address, String addressHash) {
    @Override
    public String toString() {
        return "Recipient[channel=" + channel.wireName() + ", addressHash=" + addressHash + "]";
    }
}
