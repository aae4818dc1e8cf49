package dev.lem.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marketing topics leads choose among on the preference page: data, {@value #RESOURCE} on the classpath
 * ({@code [{"id", "label"}]}). A lead is subscribed to every topic until it opts out of one (opt-out within the
 * channel consent it gave).
 */
public final class TopicCatalog {

    public static final String RESOURCE = "messaging/topics.json";

    private final Map<String, Topic> topics;

    public TopicCatalog(List<Topic> topics) {
        Map<String, Topic> byId = new LinkedHashMap<>();
        for (Topic topic : topics) {
            if (byId.put(topic.id(), topic) != null) {
                throw new IllegalArgumentException("topic " + topic.id() + " is listed twice");
            }
        }
        this.topics = java.util.Collections.unmodifiableMap(byId);
    }

    /** The catalog of {@value #RESOURCE}. */
    public static TopicCatalog standard() {
        try (InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            JsonNode array = Json.mapper().readTree(in);
            if (!array.isArray()) {
                throw new IllegalStateException(RESOURCE + " must be a JSON array of {\"id\", \"label\"}");
            }
            List<Topic> topics = new ArrayList<>();
            for (JsonNode entry : array) {
                topics.add(new Topic(entry.path("id").asText(null), entry.path("label").asText(null)));
            }
            return new TopicCatalog(topics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public Optional<Topic> find(String id) {
        return Optional.ofNullable(id == null ? null : topics.get(id));
    }

    /** In the order listed. */
    public List<Topic> all() {
        return List.copyOf(topics.values());
    }
}
