package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.journey.Facts;
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
    private final LeadStoreUpdater updater = new LeadStoreUpdater(fakes.leads);

    @Test
    void apply_addsPointsOncePerUpdateIdAndSetsStateAndTags() {
        fakes.lead(LEAD);

        updater.apply(LEAD, "j.3." + LEAD.value(), Optional.of(LeadState.MQL), 15, List.of("webinar", "vip"), AT);
        updater.apply(LEAD, "j.3." + LEAD.value(), Optional.of(LeadState.MQL), 15, List.of("webinar", "vip"), AT);

        Lead lead = fakes.leads.get(LEAD);
        assertThat(lead.score()).isEqualTo(35);
        assertThat(lead.state()).isEqualTo(LeadState.MQL);
        assertThat(lead.stateEnteredAt()).isEqualTo(AT);
        assertThat(Facts.tagsOf(lead)).containsExactly("vip", "webinar");
        assertThat(lead.profile()).containsEntry(Facts.TAGS_PROFILE_KEY, "vip,webinar");
        assertThat(fakes.leads.timeline()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(LeadStoreUpdater.ACTIVITY_TYPE);
            assertThat(a.attributes()).containsEntry("points", "15");
        });
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
