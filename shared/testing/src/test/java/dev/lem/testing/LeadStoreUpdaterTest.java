package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.journey.Facts;
import dev.lem.json.Json;
import dev.lem.journey.LeadStoreUpdater;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.testing.fakes.JourneyFakes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadStoreUpdaterTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

    private final JourneyFakes fakes = new JourneyFakes(AT);
    private final LeadStoreUpdater updater = new LeadStoreUpdater(fakes.leads, fakes.activityQueue);

    @Test
    void apply_addsPointsOncePerUpdateIdSetsTagsAndQueuesTheStateAsALifecycleMove() {
        fakes.lead(LEAD);
        LeadState before = fakes.leads.get(LEAD).state();

        updater.apply(LEAD, "j.3." + LEAD.value(), Optional.of(LeadState.MQL), 15, List.of("webinar", "vip"), AT);
        updater.apply(LEAD, "j.3." + LEAD.value(), Optional.of(LeadState.MQL), 15, List.of("webinar", "vip"), AT);

        Lead lead = fakes.leads.get(LEAD);
        assertThat(lead.score()).isEqualTo(35);
        assertThat(lead.state()).as("scoring moves the lead, announcing lead.state-changed").isEqualTo(before);
        assertThat(fakes.activityQueue.bodies()).hasSize(2).allSatisfy(body -> {
            JsonNode move = Json.tree(body);
            assertThat(move.path("kind").asText()).isEqualTo("lead-move");
            assertThat(move.path("moveId").asText()).matches("ju-[0-9a-f]{24}");
            assertThat(move.path("leadId").asText()).isEqualTo(LEAD.value());
            assertThat(move.path("to").asText()).isEqualTo("mql");
            assertThat(move.path("reason").asText()).isEqualTo("journey update");
            assertThat(move.path("requestedAt").asText()).isEqualTo("2026-11-24T08:00:00Z");
            assertThat(move.path("ifAllowed").asBoolean()).as("a forbidden move is skipped, not failed").isTrue();
        });
        assertThat(fakes.activityQueue.bodies().get(0)).as("a re-run is the same move: scoring applies it once")
                .isEqualTo(fakes.activityQueue.bodies().get(1));
        assertThat(Facts.tagsOf(lead)).containsExactly("vip", "webinar");
        assertThat(lead.profile()).containsEntry(Facts.TAGS_PROFILE_KEY, "vip,webinar");
        assertThat(fakes.leads.timeline()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(LeadStoreUpdater.ACTIVITY_TYPE);
            assertThat(a.attributes()).containsEntry("points", "15");
        });
    }

    @Test
    void apply_withoutAState_queuesNoMove() {
        fakes.lead(LEAD);

        updater.apply(LEAD, "u-1", Optional.empty(), 5, List.of("vip"), AT);

        assertThat(fakes.activityQueue.bodies()).isEmpty();
    }

    @Test
    void apply_whenTheJourneyIdIsLong_theMoveIdStaysWithinScoringsLimit() {
        fakes.lead(LEAD);
        String updateId = "a-journey-with-a-very-long-identifier-for-the-campaign-team.r3.12." + LEAD.value();

        updater.apply(LEAD, updateId, Optional.of(LeadState.SQL), 0, List.of(), AT);

        assertThat(Json.tree(fakes.activityQueue.bodies().getFirst()).path("moveId").asText())
                .matches("[A-Za-z0-9._:-]{1,64}");
    }

    @Test
    void apply_whenAnotherWriterWinsFirst_retriesOnTheFreshLead() {
        fakes.lead(LEAD, Map.of("name", "Ada"), 20, LeadState.LEAD);
        fakes.leads.beforeNextWrite(() -> fakes.leads.put(fakes.leads.get(LEAD).withScore(50, AT).withVersion(7)));

        updater.apply(LEAD, "u-1", Optional.empty(), 0, List.of("vip"), AT);

        Lead lead = fakes.leads.get(LEAD);
        assertThat(lead.score()).isEqualTo(50);
        assertThat(Facts.tagsOf(lead)).containsExactly("vip");
        assertThat(lead.profile()).containsEntry("name", "Ada");
    }

    @Test
    void apply_whenTheLeadIsGone_doesNothing() {
        updater.apply(LEAD, "u-1", Optional.of(LeadState.MQL), 10, List.of("x"), AT);

        assertThat(fakes.leads.all()).isEmpty();
    }
}
