package dev.lem.training.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.events.LeadOutcome;
import dev.lem.lead.Activity;
import dev.lem.lead.Attribution;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.lead.Touch;
import dev.lem.predict.TrainingRow;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryTrainingRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutcomeRowRecorderTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant WON_AT = Instant.parse("2026-11-23T16:00:00Z");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryTrainingRows rows = new InMemoryTrainingRows();
    private final OutcomeRowRecorder recorder = new OutcomeRowRecorder(leads, rows);

    @BeforeEach
    void seed() {
        Touch touch = new Touch("google", "cpc", "winter-sale", null, null, null, null, null, "/pricing", "crm software",
                "demo", CREATED);
        leads.put(new Lead(LEAD, "a".repeat(64), EmailAddress.parse("ada@example.com").orElseThrow(),
                Map.of("name", "Ada Lovelace", "phone", "+44 20 7946 0000", "company", "Analytical", "employees", "40"),
                LeadState.SQL, CREATED, 80, Map.of(), CREATED, CREATED, 3, new Attribution(touch, touch), Map.of()));
        leads.recordActivity(new Activity("a1", LEAD, "page.view", Instant.parse("2026-11-20T10:00:00Z"), Map.of()));
        leads.recordActivity(new Activity("a2", LEAD, "page.view", Instant.parse("2026-11-22T10:00:00Z"), Map.of()));
        // after the outcome: must not leak into the row
        leads.recordActivity(new Activity("a3", LEAD, "email.click", Instant.parse("2026-11-24T10:00:00Z"), Map.of()));
    }

    private static LeadOutcome won(String id) {
        return new LeadOutcome(id, WON_AT, LEAD.value(), "won", new BigDecimal("12000"), "EUR", null, "crm");
    }

    @Test
    void record_writesTheLeadsFeaturesAtTheOutcomeAndTheLabelWithoutPersonalData() {
        assertThat(recorder.record(won("outcome-1"))).isEqualTo(OutcomeRowRecorder.Result.STORED);

        TrainingRow row = rows.week("2026-W48").getFirst();
        assertThat(row.outcomeId()).isEqualTo("outcome-1");
        assertThat(row.converted()).isTrue();
        assertThat(row.features())
                .containsEntry("profile.company", "Analytical")
                .containsEntry("profile.employees", "40")
                .containsEntry("first.campaign", "winter-sale")
                .containsEntry("last.keyword", "crm software")
                .containsEntry("activity.page.view.count", "2")
                .containsEntry("activity.count", "2")
                .doesNotContainKeys("profile.name", "profile.phone", "activity.email.click.count");
        assertThat(row.features().values()).noneMatch(v -> v.contains("Ada") || v.contains("example.com")
                || v.contains("7946") || v.contains(LEAD.value()));
    }

    @Test
    void record_whenTheOutcomeIsRedelivered_storesOneRow() {
        recorder.record(won("outcome-1"));

        assertThat(recorder.record(won("outcome-1"))).isEqualTo(OutcomeRowRecorder.Result.DUPLICATE);
        assertThat(rows.all()).hasSize(1);
    }

    @Test
    void record_whenTheLeadIsGone_skipsIt() {
        leads.remove(LEAD);

        assertThat(recorder.record(won("outcome-2"))).isEqualTo(OutcomeRowRecorder.Result.UNKNOWN_LEAD);
        assertThat(rows.all()).isEmpty();
    }
}
