package dev.lem.links;

import dev.lem.lead.LeadId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Absolute, signed tracking URLs for emails; tracking verifies each with the same kind and parts.
 * <ul>
 *   <li>open pixel: {@code {base}/t/o.gif?l={leadId}&m={messageId}&s={sign(OPEN, leadId, messageId)}}</li>
 *   <li>click: {@code {base}/t/c?u={target, url-encoded}&l={leadId}&m={messageId}&s={sign(CLICK, target, leadId, messageId)}}</li>
 *   <li>survey answer: {@code {base}/t/s?q={survey, url-encoded}&a={0..10}&l={leadId}&m={messageId}&s={sign(SURVEY, survey, answer, leadId, messageId)}}</li>
 * </ul>
 */
public final class TrackingLinks {

    /** The kind signed into open pixels. */
    public static final String OPEN = "open";
    /** The kind signed into click redirects. */
    public static final String CLICK = "click";
    /** The kind signed into survey answer links. */
    public static final String SURVEY = "survey";
    /** The message data entry naming a survey ({@code <journey>.<step>}); its message gets answer links. */
    public static final String SURVEY_DATA_KEY = "survey";
    /** Template data {@code answerUrl0} … {@code answerUrl10}: one signed link per answer of the 0–10 scale. */
    public static final String ANSWER_URL_PREFIX = "answerUrl";
    public static final int MAX_ANSWER = 10;

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

    /**
     * A click link that redirects to {@code target} once tracking has verified it.
     *
     * @throws IllegalArgumentException when the target is not an absolute http(s) URL: tracking would refuse it
     */
    public String clickUrl(LeadId leadId, String messageId, String target) {
        if (!isRedirectable(target)) {
            throw new IllegalArgumentException("click target must be an absolute http or https URL");
        }
        return baseUrl + "/t/c?u=" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "&l=" + leadId.value()
                + "&m=" + messageId + "&s=" + signer.sign(CLICK, target, leadId.value(), messageId);
    }

    /**
     * The answer links of a survey message ({@link #ANSWER_URL_PREFIX}{@code 0..10}), or none when {@code survey}
     * is null: a message that asks nothing.
     */
    public java.util.Map<String, String> surveyAnswerUrls(LeadId leadId, String messageId, String survey) {
        if (survey == null) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (int answer = 0; answer <= MAX_ANSWER; answer++) {
            String value = Integer.toString(answer);
            urls.put(ANSWER_URL_PREFIX + answer, baseUrl + "/t/s?q=" + URLEncoder.encode(survey, StandardCharsets.UTF_8)
                    + "&a=" + value + "&l=" + leadId.value() + "&m=" + messageId + "&s="
                    + signer.sign(SURVEY, survey, value, leadId.value(), messageId));
        }
        return urls;
    }

    /** Longest click target accepted (browsers and API Gateway cope with longer, our links do not need it). */
    public static final int MAX_TARGET_LENGTH = 2048;

    /**
     * Whether tracking may redirect to {@code target}: an absolute http(s) URL with a host, no user info,
     * no whitespace or control characters, at most {@link #MAX_TARGET_LENGTH} characters.
     */
    public static boolean isRedirectable(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_TARGET_LENGTH) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
