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
import dev.lem.predict.OutcomeContext;
import dev.lem.predict.TrainingRow;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryTrainingRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutcomeRowRecorderTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant WON_AT = Instant.parse("2026-11-23T16:00:00Z");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryTrainingRows rows = new InMemoryTrainingRows();
    private final OutcomeRowRecorder recorder = new OutcomeRowRecorder(leads, rows, rows);

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

    @Test
    void record_addsTheContextOfTheDaysBeforeTheOutcomeDay_andCountsTheOutcomeOnItsDay() {
        LocalDate day = LocalDate.parse("2026-11-23");
        rows.tally(day.minusDays(1), new OutcomeContext.Day(10, 4));
        rows.tally(day.minusDays(20), new OutcomeContext.Day(30, 3));
        rows.tally(day.minusDays(OutcomeContext.PRIOR_DAYS + 1), new OutcomeContext.Day(500, 500)); // too old
        rows.tally(day, new OutcomeContext.Day(7, 7)); // the outcome's own day: not "before"
        rows.tally(day.plusDays(1), new OutcomeContext.Day(9, 9)); // the future
        Map<String, String> expected = OutcomeContext.features(day, new TreeMap<>(Map.of(
                day.minusDays(1), new OutcomeContext.Day(10, 4), day.minusDays(20), new OutcomeContext.Day(30, 3))));

        recorder.record(won("outcome-1"));

        TrainingRow row = rows.week("2026-W48").getFirst();
        assertThat(row.features()).containsAllEntriesOf(expected)
                .containsEntry(OutcomeContext.LOG_OUTCOMES_7D, "2.3979") // ln(1 + 10)
                .containsEntry("activity.count", "2");
        assertThat(rows.days(day, day.plusDays(1))).containsEntry(day, new OutcomeContext.Day(8, 8));
    }

    @Test
    void record_whenTheOutcomeIsRedelivered_leavesRowAndTalliesAsTheyWere() {
        LocalDate day = LocalDate.parse("2026-11-23");
        recorder.record(won("outcome-1"));
        TrainingRow first = rows.all().getFirst();
        var tallies = rows.days(day.minusDays(OutcomeContext.PRIOR_DAYS), day.plusDays(2));
        rows.tally(day.minusDays(1), new OutcomeContext.Day(50, 50)); // the context would differ now

        assertThat(recorder.record(won("outcome-1"))).isEqualTo(OutcomeRowRecorder.Result.DUPLICATE);

        assertThat(rows.all()).containsExactly(first);
        assertThat(rows.days(day, day.plusDays(2))).isEqualTo(tallies.subMap(day, true, day.plusDays(2), false))
                .containsExactly(Map.entry(day, new OutcomeContext.Day(1, 1)));
    }

    @Test
    void record_withNoHistory_storesZeroContext() {
        recorder.record(won("outcome-1"));

        assertThat(rows.all().getFirst().features()).containsEntry(OutcomeContext.LOG_OUTCOMES_7D, "0.0000")
                .containsEntry(OutcomeContext.LOG_OUTCOMES_30D, "0.0000")
                .containsEntry(OutcomeContext.WIN_RATE_7D, "0.0000");
    }
}
