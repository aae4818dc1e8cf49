package dev.lem.testing.fakes;

import dev.lem.blob.BlobStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BlobStore} in a map: what the S3 bucket holds, for tests and {@code lem up}. */
public final class InMemoryBlobStore implements BlobStore {

    private final Map<String, String> objects = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public void write(String key, String content) {
        objects.put(key, content);
    }

    public Map<String, String> objects() {
        return Map.copyOf(objects);
    }
}
