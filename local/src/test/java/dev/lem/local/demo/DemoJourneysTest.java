package dev.lem.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.events.LeadStateChanged;
import dev.lem.journey.CompiledJourney;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.Step;
import dev.lem.events.EventCodec;
import dev.lem.json.Json;
import java.util.Map;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoJourneysTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final JourneyParser parser = JourneyParser.create();

    private CompiledJourney journey(String id) {
        return new CompiledJourney(parser.parse(DemoJourneys.document(id)));
    }

    private static String stateChanged(String from, String to, boolean slaBreached) {
        LeadStateChanged event = new LeadStateChanged("e-1", NOW, "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", from, to,
                "test", slaBreached);
        return Json.write(Map.of("source", "lem", "detail-type", "lead.state-changed",
                "detail", EventCodec.create().detail(event)));
    }

    @Test
    void salesHandoff_whenALeadBecomesMql_entersAndHandsItToSalesOnTheCrmWebhook() {
        CompiledJourney handoff = journey("sales-handoff");

        assertThat(handoff.entersOn(stateChanged("lead", "mql", false))).isTrue();
        assertThat(handoff.entersOn(stateChanged("mql", "sql", false))).isFalse();
        assertThat(handoff.entersOn(stateChanged("mql", "mql", true))).isFalse();
        assertThat(handoff.journey().steps().getFirst()).isInstanceOfSatisfying(Step.HandToSales.class,
                s -> assertThat(s.template()).isEqualTo("crm"));
    }

    @Test
    void slaAlert_whenAnSlaIsBreached_entersAndAlertsOnTheCrmWebhook() {
        CompiledJourney alert = journey("sla-alert");

        assertThat(alert.entersOn(stateChanged("mql", "mql", true))).isTrue();
        assertThat(alert.entersOn(stateChanged("lead", "mql", false))).isFalse();
    }
}
