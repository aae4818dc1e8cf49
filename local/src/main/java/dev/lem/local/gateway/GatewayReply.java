package dev.lem.local.gateway;

import dev.lem.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway writes back: status, headers, body bytes, and cookies (each becomes a
 * {@code Set-Cookie} header).
 */
public record GatewayReply(int status, Map<String, String> headers, byte[] body, List<String> cookies) {

    /** Pages of {@code lem up} itself load nothing from elsewhere and run no script. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

    public GatewayReply {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        cookies = cookies == null ? List.of() : List.copyOf(cookies);
    }

    public static GatewayReply json(int status, Object body) {
        return of(status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static GatewayReply error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    public static GatewayReply html(int status, String html) {
        return of(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Security-Policy", PAGE_POLICY));
    }

    /**
     * An HTML document shown only inside a sandbox (an email in the outbox): no script, no forms; a link the
     * reader clicks may only navigate the whole tab, as in a mail client.
     */
    public static GatewayReply sandboxedHtml(String html) {
        return of(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Security-Policy", "sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                        + "frame-ancestors 'self'"));
    }

    public static GatewayReply of(int status, String contentType, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.putAll(extraHeaders);
        return new GatewayReply(status, headers, body, List.of());
    }

    public GatewayReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayReply(status, more, body, cookies);
    }
}
