package dev.lem.local.demo;

import dev.lem.journey.JourneyDeployer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The journeys {@code lem up} seeds beside the built-in welcome journey, so the demo shows the whole path: a sales
 * hand-off when a lead becomes MQL and an alert to sales when an MQL or SQL breaches its SLA (both to the local
 * {@code crm} webhook in the outbox). Seeding is a deploy: the first start stores version 1, later starts find the
 * same document and change nothing.
 */
public final class DemoJourneys {

    /** Resource names under {@code dev/lem/local/demo/journeys/}. */
    public static final List<String> IDS = List.of("sales-handoff", "sla-alert");

    private DemoJourneys() {}

    public static List<JourneyDeployer.Deployment> seed(JourneyDeployer deployer) {
        return IDS.stream().map(id -> deployer.deploy(document(id))).toList();
    }

    static String document(String id) {
        String name = "journeys/" + id + ".json";
        try (InputStream in = DemoJourneys.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing demo journey resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
