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
 * The identity key (email hashes), tracking key (signed pixels and links) and form-token key (signed form
 * tokens and confirmation links) of {@code lem up}: random on the first run and kept in
 * {@code .lem/keys.json} (mode 600), so that after a restart stored hashes still find their leads, links in
 * sent emails still verify, and a form page opened before the restart can still be submitted.
 */
public final class LocalKeys {

    static final int KEY_BYTES = 32;

    private final byte[] identityKey;
    private final byte[] trackingKey;
    private final byte[] formTokenKey;
    private final boolean created;

    private LocalKeys(byte[] identityKey, byte[] trackingKey, byte[] formTokenKey, boolean created) {
        this.identityKey = identityKey.clone();
        this.trackingKey = trackingKey.clone();
        this.formTokenKey = formTokenKey.clone();
        this.created = created;
    }

    /**
     * Reads {@code file}, or creates it with fresh random keys when it does not exist. A file from an
     * earlier version without a form-token key gets one added.
     */
    public static LocalKeys loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            LocalKeys keys = new LocalKeys(random(random), random(random), random(random), true);
            keys.save(file);
            return keys;
        }
        JsonNode json;
        try {
            json = Json.tree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new IllegalStateException(file + " is not valid JSON; delete it (or run with --fresh) to start with new keys");
        }
        if (json == null || !json.has(FORM_TOKEN_KEY)) {
            LocalKeys keys = new LocalKeys(key(json, IDENTITY_KEY, file), key(json, TRACKING_KEY, file), random(random), false);
            keys.save(file);
            return keys;
        }
        return new LocalKeys(key(json, IDENTITY_KEY, file), key(json, TRACKING_KEY, file), key(json, FORM_TOKEN_KEY, file), false);
    }

    private static final String IDENTITY_KEY = "identityKey";
    private static final String TRACKING_KEY = "trackingKey";
    private static final String FORM_TOKEN_KEY = "formTokenKey";

    private static byte[] random(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private void save(Path file) throws IOException {
        Map<String, String> json = new LinkedHashMap<>();
        json.put(IDENTITY_KEY, Base64.getEncoder().encodeToString(identityKey));
        json.put(TRACKING_KEY, Base64.getEncoder().encodeToString(trackingKey));
        json.put(FORM_TOKEN_KEY, Base64.getEncoder().encodeToString(formTokenKey));
        PrivateFiles.write(file, Json.write(json));
    }

    private static byte[] key(JsonNode json, String name, Path file) {
        try {
            byte[] key = json == null ? new byte[0] : Base64.getDecoder().decode(json.path(name).asText(""));
            if (key.length >= KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new IllegalStateException(file + ": " + name + " must be base64 of at least " + KEY_BYTES
                + " bytes; delete the file (or run with --fresh) to start with new keys");
    }

    public byte[] identityKey() {
        return identityKey.clone();
    }

    public byte[] trackingKey() {
        return trackingKey.clone();
    }

    public byte[] formTokenKey() {
        return formTokenKey.clone();
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
