package dev.lem.local.admin;

import dev.lem.local.gateway.Endpoint;
import dev.lem.local.gateway.GatewayReply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** The admin token of one {@code lem up} run: 32 random bytes, base64url; compared in constant time. */
public final class AdminToken {

    private static final String BEARER = "Bearer ";
    private final String value;

    private AdminToken(String value) {
        this.value = value;
    }

    public static AdminToken random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String value() {
        return value;
    }

    /** True only for {@code Authorization: Bearer <this token>}. */
    public boolean authorizes(Optional<String> authorizationHeader) {
        String header = authorizationHeader.orElse("");
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return matches(header.substring(BEARER.length()).strip());
    }

    /** The endpoint behind this token: without {@code Authorization: Bearer <token>} it answers 401. */
    public Endpoint guard(Endpoint endpoint) {
        return request -> authorizes(request.header("authorization")) ? endpoint.handle(request)
                : GatewayReply.error(401, "admin token required: Authorization: Bearer <adminToken from .lem/local.json>")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"lem up admin\"");
    }

    /** True when the {@code Cookie} header carries {@value #COOKIE}{@code =<this token>} (the admin pages' login). */
    public boolean authorizesCookie(Optional<String> cookieHeader) {
        for (String cookie : cookieHeader.orElse("").split("[;,]")) {
            String trimmed = cookie.strip();
            if (trimmed.startsWith(COOKIE + "=") && matches(trimmed.substring(COOKIE.length() + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Compares in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The session cookie set by a login on the admin pages: HttpOnly, SameSite=Strict, for {@code /admin} only. */
    public String sessionCookie() {
        return COOKIE + "=" + value + "; Path=/admin; HttpOnly; SameSite=Strict";
    }

    public static final String COOKIE = "lem_admin";

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
