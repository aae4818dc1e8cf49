package dev.lem.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells mail-privacy prefetches, link scanners and bots from people by their user agent, from a table of
 * markers kept as data ({@code automated-agents.txt} beside this class). Offline and cheap: no IP ranges,
 * no lookups, so a person whose browser sends a marker is flagged too, and an unknown bot is not.
 */
public final class AutomatedAgents {

    /** Reason given when the request has no user agent at all. */
    public static final String NO_USER_AGENT = "no-user-agent";
    private static final String RESOURCE = "automated-agents.txt";

    /** One row of the table. */
    public record Marker(String reason, Match match, String token) {
        public Marker {
            if (reason == null || !reason.matches("[a-z0-9-]{1,40}") || token == null || token.isBlank()) {
                throw new IllegalArgumentException("marker needs a lower-case reason and a token");
            }
            token = token.strip().toLowerCase(Locale.ROOT);
        }

        boolean matches(String userAgentLowerCase) {
            return switch (match) {
                case EQUALS -> userAgentLowerCase.strip().equals(token);
                case CONTAINS -> userAgentLowerCase.contains(token);
            };
        }
    }

    public enum Match { EQUALS, CONTAINS }

    private static final AutomatedAgents BUILT_IN = load();

    private final List<Marker> markers;

    public AutomatedAgents(List<Marker> markers) {
        this.markers = List.copyOf(markers);
    }

    /** The table shipped with the function. */
    public static AutomatedAgents builtIn() {
        return BUILT_IN;
    }

    public List<Marker> markers() {
        return markers;
    }

    /** Why a request with this user agent is not a person, or empty when it looks like one. First marker wins. */
    public Optional<String> reasonFor(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.of(NO_USER_AGENT);
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (Marker marker : markers) {
            if (marker.matches(ua)) {
                return Optional.of(marker.reason());
            }
        }
        return Optional.empty();
    }

    /**
     * Parses the table: {@code <reason> <equals|contains> <token…>} per line, {@code #} comments and
     * blank lines ignored; the token is the rest of the line and may contain spaces.
     *
     * @throws IllegalArgumentException naming the line that is not a marker
     */
    public static List<Marker> parse(List<String> lines) {
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected <reason> <match> <token>");
            }
            Match match = switch (parts[1]) {
                case "equals" -> Match.EQUALS;
                case "contains" -> Match.CONTAINS;
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": match must be equals or contains");
            };
            markers.add(new Marker(parts[0], match, parts[2]));
        }
        return markers;
    }

    private static AutomatedAgents load() {
        try (InputStream in = AutomatedAgents.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            return new AutomatedAgents(parse(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
