package dev.lem.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The EventBridge envelope as a target (Lambda, the local bus) receives it. */
public record EventEnvelope(String version, String id, @JsonProperty("detail-type") String detailType,
                            String source, String account, Instant time, String region, List<String> resources,
                            JsonNode detail) {}
