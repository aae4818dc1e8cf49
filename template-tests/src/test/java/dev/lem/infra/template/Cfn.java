package dev.lem.infra.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading parts of a synthesized template (plain maps and lists). */
final class Cfn {

    private Cfn() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, Object> props(Map<String, Object> resource) {
        Object props = resource.get("Properties");
        return props == null ? Map.of() : map(props);
    }

    /** A value that may be a single item or a list (IAM Action/Resource), as a list. */
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            return new ArrayList<>(items);
        }
        return List.of(value);
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} points at; null for anything else. */
    static String target(Object reference) {
        if (reference instanceof Map<?, ?> m) {
            if (m.get("Ref") instanceof String id) {
                return id;
            }
            if (m.get("Fn::GetAtt") instanceof List<?> att && !att.isEmpty()) {
                return String.valueOf(att.get(0));
            }
        }
        return null;
    }

    static int integer(Object value) {
        return ((Number) value).intValue();
    }
}
