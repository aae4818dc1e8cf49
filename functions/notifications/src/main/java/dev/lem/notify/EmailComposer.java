package dev.lem.notify;

import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a message for a lead into the templated email: the template data (message data, the lead's
 * {@code name} and {@code company}, the signed open pixel, every {@code …Url} entry also as a signed click link
 * {@code …UrlTracked}, the signed {@code unsubscribeUrl} and the sender's {@code postalAddress}), and for
 * marketing the List-Unsubscribe and List-Unsubscribe-Post headers of RFC 8058 one-click unsubscribe.
 */
public final class EmailComposer {

    /** A message data entry {@code xUrl} also reaches the template as {@code xUrlTracked}. */
    static final String TRACKED_SUFFIX = "Tracked";
    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final TrackingLinks links;
    private final UnsubscribeLinks unsubscribe;
    private final Optional<String> postalAddress;

    public EmailComposer(TrackingLinks links, UnsubscribeLinks unsubscribe, Optional<String> postalAddress) {
        this.links = links;
        this.unsubscribe = unsubscribe;
        this.postalAddress = postalAddress;
    }

    public OutgoingEmail compose(Lead lead, NotifyMessage message, EmailAddress to) {
        String unsubscribeUrl = unsubscribe.url(lead.id(), Channel.EMAIL);
        Map<String, String> data = new HashMap<>(message.data());
        data.put("name", lead.profile().getOrDefault("name", ""));
        data.put("company", lead.profile().getOrDefault("company", ""));
        data.put("openPixelUrl", links.openPixelUrl(lead.id(), message.messageId()));
        data.put("unsubscribeUrl", unsubscribeUrl);
        data.put("postalAddress", postalAddress.orElse(""));
        data.putAll(links.surveyAnswerUrls(lead.id(), message.messageId(), message.data().get(TrackingLinks.SURVEY_DATA_KEY)));
        message.data().forEach((key, value) -> {
            if (key.endsWith("Url") && TrackingLinks.isRedirectable(value)) {
                data.put(key + TRACKED_SUFFIX, links.clickUrl(lead.id(), message.messageId(), value));
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        if (message.category() == MessageCategory.MARKETING) {
            headers.put(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
            headers.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        }
        return new OutgoingEmail(message.messageId(), to, message.template(), data, headers);
    }
}
