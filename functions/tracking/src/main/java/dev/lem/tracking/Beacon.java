package dev.lem.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.VisitorActivity;
import dev.lem.links.TrackingLinks;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code lem.js} beacon, validated: {@code {"type": "page.view"|"time-on-page"|"identify", "url": …,
 * "title"?: …, "referrer"?: …, "seconds"?: int, "vid"?: …, "lt"?: …}}. {@code seconds} is required for
 * time-on-page. Unknown fields are refused, so a typo in a hand-written snippet shows at once.
 */
public record Beacon(Type type, String url, Optional<String> title, Optional<String> referrer, Optional<Integer> seconds,
                     Optional<String> visitorId, Optional<String> leadToken) {

    /** Largest body accepted, in bytes. */
    public static final int MAX_BYTES = 4096;
    static final int MAX_TITLE = 300;
    static final int MAX_SECONDS = 86_400;
    /** LEM's JSON configuration, refusing duplicate keys (which one would count is ambiguous). */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = Json.mapper().reader()
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS = Set.of("type", "url", "title", "referrer", "seconds", "vid", "lt");

    /** What the beacon says happened, and the activity type it is recorded as. */
    public enum Type {
        PAGE_VIEW("page.view", "page.view"),
        TIME_ON_PAGE("time-on-page", "page.time-on-page"),
        IDENTIFY("identify", "visitor.identify");

        private final String wire;
        private final String activityType;

        Type(String wire, String activityType) {
            this.wire = wire;
            this.activityType = activityType;
        }

        public String activityType() {
            return activityType;
        }

        static Optional<Type> fromWire(String wire) {
            for (Type type : values()) {
                if (type.wire.equals(wire)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /** A body that is not a beacon; the message names the field and never echoes its value. */
    public static final class InvalidBeaconException extends Exception {
        private final boolean malformed;

        InvalidBeaconException(String message, boolean malformed) {
            super(message, null, false, false);
            this.malformed = malformed;
        }

        /** True when the body is not a JSON object at all (400), false when a field is wrong (422). */
        public boolean malformed() {
            return malformed;
        }
    }

    /** @throws InvalidBeaconException when the body is not JSON, not an object, or a field is wrong */
    public static Beacon parse(String body) throws InvalidBeaconException {
        JsonNode json;
        try {
            json = STRICT.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | MalformedJsonException | IllegalArgumentException e) {
            throw new InvalidBeaconException("body is not valid JSON", true);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidBeaconException("body must be a JSON object", true);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidBeaconException("unknown field " + (name.length() > 40 ? name.substring(0, 40) + "…" : name), false);
            }
        }
        Type type = Type.fromWire(text(json, "type").orElseThrow(() -> invalid("type is required")))
                .orElseThrow(() -> invalid("type must be page.view, time-on-page or identify"));
        String url = text(json, "url").orElseThrow(() -> invalid("url is required"));
        if (!TrackingLinks.isRedirectable(url)) {
            throw invalid("url must be an absolute http or https URL of at most 2048 characters");
        }
        Optional<String> title = text(json, "title");
        if (title.isPresent() && title.get().length() > MAX_TITLE) {
            throw invalid("title must be at most " + MAX_TITLE + " characters");
        }
        Optional<String> referrer = text(json, "referrer").filter(r -> !r.isEmpty());
        if (referrer.isPresent() && !TrackingLinks.isRedirectable(referrer.get())) {
            throw invalid("referrer must be an absolute http or https URL of at most 2048 characters");
        }
        Optional<Integer> seconds = Optional.empty();
        JsonNode secondsNode = json.get("seconds");
        if (secondsNode != null && !secondsNode.isNull()) {
            if (!secondsNode.isIntegralNumber() || !secondsNode.canConvertToInt() || secondsNode.intValue() < 0
                    || secondsNode.intValue() > MAX_SECONDS) {
                throw invalid("seconds must be a whole number from 0 to " + MAX_SECONDS);
            }
            seconds = Optional.of(secondsNode.intValue());
        }
        if (type == Type.TIME_ON_PAGE && seconds.isEmpty()) {
            throw invalid("seconds is required for time-on-page");
        }
        Optional<String> vid = text(json, "vid");
        if (vid.isPresent() && !VisitorActivity.isVisitorId(vid.get())) {
            throw invalid("vid must be 22 base64url characters");
        }
        Optional<String> lt = text(json, "lt");
        return new Beacon(type, url, title, referrer, seconds, vid, lt);
    }

    /** What is recorded: the page's host and path (never its query: it may hold PII), the referrer's host. */
    Map<String, String> attributes(String visitorId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("visitorId", visitorId);
        attributes.put("page", hostAndPath(url));
        title.filter(t -> !t.isBlank()).ifPresent(t -> attributes.put("title", t));
        referrer.map(r -> URI.create(r).getHost()).ifPresent(host -> attributes.put("referrerHost", host));
        seconds.ifPresent(s -> attributes.put("seconds", Integer.toString(s)));
        return attributes;
    }

    /** host + path of an http(s) URL already checked by {@link TrackingLinks#isRedirectable}. */
    static String hostAndPath(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getHost().toLowerCase(java.util.Locale.ROOT) + path;
    }

    private static Optional<String> text(JsonNode json, String field) throws InvalidBeaconException {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return Optional.of(node.textValue());
    }

    private static InvalidBeaconException invalid(String message) {
        return new InvalidBeaconException(message, false);
    }
}
