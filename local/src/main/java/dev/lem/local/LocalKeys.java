package dev.lem.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity key (email hashes) and tracking key (signed pixels and links) of {@code lem up}: random
 * on the first run and kept in {@code .lem/keys.json} (mode 600), so that after a restart stored hashes
 * still find their leads and links in sent emails still verify.
 */
public final class LocalKeys {

    static final int KEY_BYTES = 32;

    private final byte[] identityKey;
    private final byte[] trackingKey;
    private final boolean created;

    private LocalKeys(byte[] identityKey, byte[] trackingKey, boolean created) {
        this.identityKey = identityKey.clone();
        this.trackingKey = trackingKey.clone();
        this.created = created;
    }

    /** Reads {@code file}, or creates it with fresh random keys when it does not exist. */
    public static LocalKeys loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] identity = new byte[KEY_BYTES];
        byte[] tracking = new byte[KEY_BYTES];
        random.nextBytes(identity);
        random.nextBytes(tracking);
        Map<String, String> json = new LinkedHashMap<>();
        json.put("identityKey", Base64.getEncoder().encodeToString(identity));
        json.put("trackingKey", Base64.getEncoder().encodeToString(tracking));
        PrivateFiles.write(file, Json.write(json));
        return new LocalKeys(identity, tracking, true);
    }

    private static LocalKeys read(Path file) throws IOException {
        try {
            JsonNode json = Json.tree(Files.readString(file, StandardCharsets.UTF_8));
            return new LocalKeys(key(json, "identityKey", file), key(json, "trackingKey", file), false);
        } catch (MalformedJsonException e) {
            throw new IllegalStateException(file + " is not valid JSON; delete it to start with new keys");
        }
    }

    private static byte[] key(JsonNode json, String name, Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(json.path(name).asText(""));
            if (key.length >= KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new IllegalStateException(file + ": " + name + " must be base64 of at least " + KEY_BYTES
                + " bytes; delete the file to start with new keys");
    }

    public byte[] identityKey() {
        return identityKey.clone();
    }

    public byte[] trackingKey() {
        return trackingKey.clone();
    }

    /** True when this run made the keys (first run, or the file was deleted). */
    public boolean created() {
        return created;
    }

    @Override
    public String toString() {
        return "LocalKeys[redacted]";
    }
}
