package dev.lem.capture;

import dev.lem.lead.Touch;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads where a visitor came from, from the hidden fields the embed snippet fills: {@code lem_utm_source},
 * {@code lem_utm_medium}, {@code lem_utm_campaign}, {@code lem_utm_term}, {@code lem_utm_content}, {@code lem_gclid},
 * {@code lem_fbclid}, {@code lem_referrer}, {@code lem_landing}. A value missing from the fields is taken from the
 * landing page URL's query ({@code utm_*}, {@code gclid}, {@code fbclid}). Attribution never rejects a submission:
 * a value that is too long, not printable, or (for URLs) not http(s) is dropped.
 */
public final class SourceAttribution {

    public static final String PREFIX = "lem_";
    private static final int MAX_VALUE = 256;
    private static final int MAX_URL = 2048;
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");
    /** Search engines and the query parameter holding the search words (when they still send it). */
    private static final Map<String, String> SEARCH_ENGINES = Map.of("google", "q", "bing", "q", "duckduckgo", "q",
            "yahoo", "p", "yandex", "text", "baidu", "wd", "ecosia", "q");
    private static final Set<String> QUERY_KEYS = Set.of("utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content", "gclid", "fbclid");

    private SourceAttribution() {}

    public static Touch touch(Map<String, String> fields, String formId, Instant at) {
        String landing = url(fields.get("lem_landing"));
        String referrer = url(fields.get("lem_referrer"));
        Map<String, String> query = landing == null ? Map.of() : query(URI.create(landing).getRawQuery());
        String source = value(fields, "utm_source", query);
        String medium = value(fields, "utm_medium", query);
        String campaign = value(fields, "utm_campaign", query);
        String term = value(fields, "utm_term", query);
        String content = value(fields, "utm_content", query);
        String gclid = value(fields, "gclid", query);
        String fbclid = value(fields, "fbclid", query);
        Optional<String> engine = Optional.ofNullable(referrer).flatMap(SourceAttribution::searchEngine);
        String keyword = term != null ? term : engine.flatMap(e -> searchWords(referrer, e)).orElse(null);
        if (source == null) {
            source = gclid != null ? "google" : fbclid != null ? "facebook" : engine.orElseGet(() -> host(referrer));
        }
        if (medium == null && source != null) {
            medium = gclid != null ? "cpc" : fbclid != null ? "paid-social" : engine.isPresent() ? "organic"
                    : referrer != null ? "referral" : null;
        }
        return new Touch(source, medium, campaign, term, content, gclid, fbclid, referrer, landing, keyword, formId, at);
    }

    private static String value(Map<String, String> fields, String key, Map<String, String> query) {
        String fromField = clean(fields.get(PREFIX + key), MAX_VALUE);
        return fromField != null ? fromField : clean(query.get(key), MAX_VALUE);
    }

    static String clean(String raw, int max) {
        if (raw == null) {
            return null;
        }
        String value = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (value.isEmpty() || value.codePointCount(0, value.length()) > max || UNPRINTABLE.matcher(value).find()) {
            return null;
        }
        return value;
    }

    private static String url(String raw) {
        String value = clean(raw, MAX_URL);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
                    ? value : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String host(String url) {
        return url == null ? null : URI.create(url).getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    }

    private static Optional<String> searchEngine(String referrer) {
        String host = host(referrer);
        String[] labels = host.split("\\.");
        for (String label : labels) {
            if (SEARCH_ENGINES.containsKey(label)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> searchWords(String referrer, String engine) {
        return Optional.ofNullable(clean(query(URI.create(referrer).getRawQuery()).get(SEARCH_ENGINES.get(engine)), MAX_VALUE));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&", 64)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                if (QUERY_KEYS.contains(key) || SEARCH_ENGINES.containsValue(key)) {
                    values.putIfAbsent(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                // a broken escape in someone else's URL: skip the pair
            }
        }
        return values;
    }
}
