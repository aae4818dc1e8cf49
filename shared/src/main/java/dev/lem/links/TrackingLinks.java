package dev.lem.links;

import dev.lem.lead.LeadId;
import java.net.URI;

/**
 * Absolute, signed tracking URLs for emails. The open pixel is
 * {@code {base}/t/o.gif?l={leadId}&m={messageId}&s={signature}}; tracking verifies with the same kind.
 */
public final class TrackingLinks {

    /** The kind signed into open pixels. */
    public static final String OPEN = "open";

    private final LinkSigner signer;
    private final String baseUrl;

    public TrackingLinks(LinkSigner signer, URI publicBaseUrl) {
        this.signer = signer;
        String base = publicBaseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Message ids are restricted to URL-safe characters, so no encoding is needed. */
    public String openPixelUrl(LeadId leadId, String messageId) {
        return baseUrl + "/t/o.gif?l=" + leadId.value() + "&m=" + messageId + "&s=" + signer.sign(OPEN, leadId.value(), messageId);
    }
}
