package dev.lem.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reports dashboard: one static HTML page (inline JS and SVG charts, no external resources), read once. */
public final class Dashboard {

    private static final String RESOURCE = "dev/lem/api/dashboard.html";
    private static final String PAGE = load();

    private Dashboard() {}

    public static String page() {
        return PAGE;
    }

    private static String load() {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
