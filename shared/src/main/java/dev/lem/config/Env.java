package dev.lem.config;

import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates configuration from an environment map. Config records call it from their
 * {@code fromEnv(Map)}; handlers pass {@link #system()} — the one place LEM calls {@code System.getenv}.
 */
public final class Env {

    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    public static Map<String, String> system() {
        return System.getenv();
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is required but not set"));
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String optional(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public Optional<URI> optionalUri(String name) {
        return optional(name).map(v -> {
            try {
                URI uri = URI.create(v);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new ConfigException(name + " must be an absolute URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + " is not a valid URL");
            }
        });
    }

    /**
     * A secret key given as base64 (at least 32 bytes). Keys come from Secrets Manager or SSM at deploy
     * time; the value is never echoed in errors.
     */
    public byte[] requiredKey(String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(required(name));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be base64");
        }
        if (key.length < 32) {
            throw new ConfigException(name + " must decode to at least 32 bytes, got " + key.length);
        }
        return key;
    }
}
