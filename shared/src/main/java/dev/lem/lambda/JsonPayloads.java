package dev.lem.lambda;

import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads a stream handler's JSON payload with a size bound. Problems become the caller's exception, with
 * a message naming what was expected but never quoting the input (payloads may carry PII).
 */
public final class JsonPayloads {
    private JsonPayloads() {}

    /**
     * @param what     how the payload is named in messages, e.g. {@code "event"}
     * @param expected what it should be, e.g. {@code "an EventBridge envelope"}
     * @param invalid  builds the exception thrown for a payload that is too large or not {@code type}
     */
    public static <T> T read(InputStream input, int maxBytes, Class<T> type, String what, String expected,
                             Function<String, ? extends RuntimeException> invalid) throws IOException {
        byte[] bytes = input.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw invalid.apply(what + " exceeds " + maxBytes + " bytes");
        }
        T value;
        try {
            value = Json.read(new String(bytes, StandardCharsets.UTF_8), type);
        } catch (MalformedJsonException e) {
            throw invalid.apply(what + " is not " + expected);
        }
        if (value == null) {
            throw invalid.apply(what + " is not " + expected);
        }
        return value;
    }
}
