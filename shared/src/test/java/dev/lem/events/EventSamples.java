package dev.lem.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The JSON fixtures of the contract: every {@code events/<type>/sample*.json} on the classpath. */
final class EventSamples {

    /** One sample file of one detail type. */
    record Sample(DetailType type, String file, ObjectNode detail) {
        @Override
        public String toString() {
            return type.wireName() + "/" + file;
        }
    }

    private EventSamples() {}

    /** Every sample file of every detail type, read from the classpath folder (directory or jar). */
    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        for (DetailType type : DetailType.values()) {
            samples.addAll(of(type));
        }
        return samples;
    }

    static List<Sample> of(DetailType type) {
        URL folder = EventSamples.class.getClassLoader().getResource(type.resourceFolder());
        if (folder == null) {
            throw new AssertionError("no resource folder " + type.resourceFolder());
        }
        try {
            if (folder.getProtocol().equals("jar")) {
                String text = folder.toString();
                try (FileSystem jar = FileSystems.newFileSystem(java.net.URI.create(text.substring(0, text.indexOf("!/"))), Map.of())) {
                    return read(type, jar.getPath(text.substring(text.indexOf("!/") + 1)));
                }
            }
            return read(type, Path.of(folder.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Sample> read(DetailType type, Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> matching = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("sample") && name.endsWith(".json");
            }).sorted().toList();
            List<Sample> samples = new ArrayList<>();
            for (Path file : matching) {
                samples.add(new Sample(type, file.getFileName().toString(), (ObjectNode) Json.tree(Files.readString(file))));
            }
            return samples;
        }
    }

    /** The current-version sample, {@code sample.v<N>.json}. */
    static ObjectNode current(DetailType type) {
        String name = "sample.v" + DetailType.CURRENT_VERSION + ".json";
        return of(type).stream().filter(s -> s.file().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.resourceFolder() + name)).detail().deepCopy();
    }

    /** An EventBridge envelope as a target receives it, with this detail. */
    static ObjectNode envelope(String source, String detailType, JsonNode detail) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", "111122223333");
        envelope.put("time", "2026-11-23T10:15:30Z");
        envelope.put("region", "eu-west-1");
        envelope.putArray("resources");
        envelope.set("detail", detail);
        return envelope;
    }
}
