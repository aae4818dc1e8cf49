package dev.lem.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lem.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned JSON Schemas of every detail type, loaded once from
 * {@code events/<detail-type>/schema.v<N>.json} and applied with networknt's json-schema-validator.
 */
public final class EventContract {

    private final Map<DetailType, Schema> schemas;

    private EventContract(Map<DetailType, Schema> schemas) {
        this.schemas = schemas;
    }

    public static EventContract load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<DetailType, Schema> schemas = new EnumMap<>(DetailType.class);
        for (DetailType type : DetailType.values()) {
            schemas.put(type, registry.getSchema(Json.tree(resource(schemaPath(type)))));
        }
        return new EventContract(schemas);
    }

    public static String schemaPath(DetailType type) {
        return type.resourceFolder() + "schema.v" + DetailType.CURRENT_VERSION + ".json";
    }

    /** Every violation, as {@code location: message}; empty when the detail is valid. */
    public List<String> validate(DetailType type, JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            return List.of("detail must be a JSON object");
        }
        return schemas.get(type).validate(detail).stream().map(Error::toString).toList();
    }

    public static String resource(String path) {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing contract resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
