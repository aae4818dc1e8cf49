package dev.lem.links;

import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import java.net.URI;
import java.util.Optional;

/**
 * Signed unsubscribe / preference links, {@code {base}/u/{leadId}.{channel}.{sign(UNSUBSCRIBE, leadId, channel)}}:
 * {@code GET} shows the lead's preferences, {@code POST} unsubscribes from the channel in one click (RFC 8058).
 * Only notifications signs them (the tracking key); the token names the lead and channel, never an address.
 */
public final class UnsubscribeLinks {

    /** The kind signed into unsubscribe tokens. */
    public static final String UNSUBSCRIBE = "unsubscribe";
    /** The route's path prefix. */
    public static final String PATH = "/u/";
    private static final int MAX_TOKEN = 120;

    /** What a verified token names. */
    public record Token(LeadId leadId, Channel channel) {}

    private final LinkSigner signer;
    private final String baseUrl;

    public UnsubscribeLinks(LinkSigner signer, URI publicBaseUrl) {
        this.signer = signer;
        String base = publicBaseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String token(LeadId leadId, Channel channel) {
        return leadId.value() + "." + channel.wireName() + "." + signer.sign(UNSUBSCRIBE, leadId.value(), channel.wireName());
    }

    public String url(LeadId leadId, Channel channel) {
        return baseUrl + PATH + token(leadId, channel);
    }

    /** The lead and channel a token names, when its signature verifies; empty for anything else. */
    public Optional<Token> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !LeadId.isValid(parts[0])) {
            return Optional.empty();
        }
        Channel channel;
        try {
            channel = Channel.fromWireName(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (channel == Channel.WEBHOOK || !parts[1].equals(channel.wireName())
                || !signer.verify(parts[2], UNSUBSCRIBE, parts[0], parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new Token(new LeadId(parts[0]), channel));
    }
}
