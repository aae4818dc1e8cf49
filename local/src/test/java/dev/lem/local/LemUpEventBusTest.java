package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.bus.EventPublishException;
import dev.lem.events.CampaignTrigger;
import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.RuleDefinition;
import dev.lem.json.Json;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.bus.LocalEventBus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local bus matches with the shared rule patterns and delivers like EventBridge invokes Lambda. */
class LemUpEventBusTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters();
    private LocalEventBus bus;

    @AfterEach
    void stop() {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void put_whenLeadCaptured_deliversTheEnvelopeTheRouterDecodes() throws Exception {
        bus = bus((in, out, context) -> delivered.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        LeadCaptured captured = new LeadCaptured("capture-1", AT, "8f14e45f-ceea-467a-9575-7a1e4e0b3c4d", "demo", true,
                "lead", true);

        LocalEventBus.Put put = bus.put(captured);
        bus.close();

        assertThat(put.matchedRules()).containsExactly(RuleDefinition.LEAD_CAPTURED.name());
        assertThat(delivered).hasSize(1);
        JsonNode envelope = Json.tree(delivered.getFirst());
        assertThat(envelope.get("version").asText()).isEqualTo("0");
        assertThat(envelope.get("id").asText()).isEqualTo(put.id());
        assertThat(envelope.get("detail-type").asText()).isEqualTo("lead.captured");
        assertThat(envelope.get("source").asText()).isEqualTo("lem");
        assertThat(envelope.get("account").asText()).isEqualTo("000000000000");
        assertThat(envelope.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(envelope.get("resources").isEmpty()).isTrue();
        assertThat(EventCodec.create().decode(Json.read(delivered.getFirst(), EventEnvelope.class))).isEqualTo(captured);
    }

    @Test
    void put_whenNoRuleMatches_deliversNothing() {
        bus = bus((in, out, context) -> delivered.add("called"));

        LocalEventBus.Put put = bus.put(new LeadActivity("a-1", AT, "8f14e45f-ceea-467a-9575-7a1e4e0b3c4d", "x", "email.open"));
        bus.close();

        assertThat(put.matchedRules()).isEmpty();
        assertThat(delivered).isEmpty();
    }

    @Test
    void put_whenCampaignTrigger_matchesTheMarketingRuleWithItsSource() {
        bus = bus((in, out, context) -> delivered.add(Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                .get("source").asText()));

        LocalEventBus.Put put = bus.put(new CampaignTrigger("t-1", AT, "webinar", "8f14e45f-ceea-467a-9575-7a1e4e0b3c4d", Map.of()));
        bus.close();

        assertThat(put.matchedRules()).containsExactly(RuleDefinition.MARKETING_TRIGGER.name());
        assertThat(delivered).containsExactly("lem.marketing");
    }

    @Test
    void put_whenTargetKeepsFailing_triesThreeTimesThenDeadLetters() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        bus = bus((in, out, context) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("router down");
        });

        LocalEventBus.Put put = bus.put(new LeadCaptured("capture-2", AT, "8f14e45f-ceea-467a-9575-7a1e4e0b3c4d", "demo",
                true, "lead", false));
        for (int i = 0; i < 100 && deadLetters.list().isEmpty(); i++) {
            Thread.sleep(20);
        }

        assertThat(calls).hasValue(3);
        assertThat(deadLetters.list()).singleElement().satisfies(letter -> {
            assertThat(letter.source()).isEqualTo("bus:" + RuleDefinition.LEAD_CAPTURED.name());
            assertThat(letter.id()).isEqualTo(put.id());
            assertThat(letter.reason()).isEqualTo("IllegalStateException: router down");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(Json.tree(letter.payload()).get("detail-type").asText()).isEqualTo("lead.captured");
        });
    }

    @Test
    void publish_whenBusStopped_throwsEventPublishException() {
        bus = bus((in, out, context) -> { });
        bus.close();

        assertThatThrownBy(() -> bus.publish(new LeadCaptured("capture-3", AT, "8f14e45f-ceea-467a-9575-7a1e4e0b3c4d",
                "demo", true, "lead", false))).isInstanceOf(EventPublishException.class);
    }

    private LocalEventBus bus(RequestStreamHandler router) {
        return new LocalEventBus(RuleDefinition.ALL, Map.of(RuleDefinition.RuleTarget.ROUTER, router), deadLetters,
                Clock.fixed(AT, ZoneOffset.UTC), "eu-west-1", Duration.ofMillis(10));
    }
}
