package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.events.EventTouch;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageSent;
import dev.lem.report.FunnelReport;
import dev.lem.report.JourneyReport;
import dev.lem.report.ReportFilter;
import dev.lem.report.ReportTallies;
import dev.lem.report.VelocityReport;
import dev.lem.store.DynamoDbReportCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counter exactness on DynamoDB Local: duplicates count once, any delivery order gives the same totals. */
@ExtendWith(AwsEnginesExtension.class)
class DynamoDbReportCountersIT {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final ReportFilter NOVEMBER = ReportFilter.range(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));

    private final AwsEngines engines;

    DynamoDbReportCountersIT(AwsEngines engines) {
        this.engines = engines;
    }

    private DynamoDbReportCounters newCounters() {
        return new DynamoDbReportCounters(engines.dynamoDb(), engines.createTable(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** Three leads through the funnel, a breach, a journey message sent, opened twice and clicked. */
    private static List<LemEvent> events() {
        List<LemEvent> events = new ArrayList<>();
        EventTouch brand = new EventTouch("brand", "google", "demo");
        EventTouch webinar = new EventTouch("webinar", "newsletter", "webinar");
        for (int i = 0; i < 3; i++) {
            String lead = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0" + i;
            Instant captured = T0.plus(Duration.ofHours(i));
            events.add(new LeadCaptured("cap-" + i, captured, lead, "demo", true, "lead", true, "google", "cpc", "brand"));
            events.add(new LeadStateChanged("mql-" + i, captured.plus(Duration.ofHours(2 + i)), lead, "lead", "mql", "",
                    false, captured, brand, webinar));
        }
        String lead0 = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a00";
        events.add(new LeadStateChanged("sql-0", T0.plus(Duration.ofDays(1)), lead0, "mql", "sql", "", false,
                T0.plus(Duration.ofHours(2)), brand, webinar));
        events.add(new LeadStateChanged("breach-1", T0.plus(Duration.ofDays(2)), lead0.replace("00", "01"), "mql", "mql", "",
                true, T0.plus(Duration.ofHours(3)), brand, webinar));
        String message = "nurture.2." + lead0;
        events.add(new MessageSent("sent-1", T0.plus(Duration.ofDays(3)), message, lead0, "email", "n", "ses-1"));
        events.add(LeadActivity.ofMessage("open-1", T0.plus(Duration.ofDays(3)), lead0, "email.open", message));
        events.add(LeadActivity.ofMessage("open-2", T0.plus(Duration.ofDays(4)), lead0, "email.open", message));
        events.add(LeadActivity.ofMessage("click-1", T0.plus(Duration.ofDays(4)), lead0, "email.click", message));
        return events;
    }

    private static void deliver(DynamoDbReportCounters counters, List<LemEvent> events) {
        events.forEach(e -> ReportTallies.of(e).ifPresent(counters::record));
    }

    @Test
    void record_whenEventsDeliveredInOrder_countsEachOnce() {
        DynamoDbReportCounters counters = newCounters();
        deliver(counters, events());

        FunnelReport funnel = FunnelReport.of(counters.funnel(NOVEMBER.from(), NOVEMBER.to()), NOVEMBER);
        assertThat(funnel.newLeads()).isEqualTo(3);
        assertThat(funnel.stages()).extracting(FunnelReport.Stage::entered).containsExactly(0L, 3L, 3L, 1L, 0L);
        assertThat(funnel.slaBreaches()).containsExactly(new FunnelReport.SlaBreaches("mql", 1));
        assertThat(funnel.campaigns()).extracting(FunnelReport.CampaignStages::campaign).containsExactly("brand");

        VelocityReport velocity = VelocityReport.of(counters.velocity(NOVEMBER.from(), NOVEMBER.to()), NOVEMBER);
        // time in lead: 2 h, 3 h, 4 h (mean 3 h); time in mql: 22 h
        assertThat(velocity.states()).extracting(VelocityReport.StateVelocity::state, VelocityReport.StateVelocity::samples,
                VelocityReport.StateVelocity::meanSeconds).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lead", 3L, 10800.0), org.assertj.core.groups.Tuple.tuple("mql", 1L, 79200.0));

        JourneyReport journeys = JourneyReport.of(counters.journeys(NOVEMBER.from(), NOVEMBER.to()), NOVEMBER,
                JourneyReport.Arms.NONE);
        assertThat(journeys.journeys().get(0).steps()).containsExactly(
                new JourneyReport.StepRow(2, null, 1, 1, 1, 1.0, 1.0));
    }

    @Test
    void record_whenEveryEventRedeliveredAndShuffled_givesTheSameTotals() {
        DynamoDbReportCounters inOrder = newCounters();
        deliver(inOrder, events());
        for (long seed : List.of(42L, 7L, 2026L)) {
            DynamoDbReportCounters chaotic = newCounters();
            List<LemEvent> redelivered = new ArrayList<>(events());
            redelivered.addAll(events());
            redelivered.addAll(events().subList(0, 4));
            Collections.shuffle(redelivered, new Random(seed));

            deliver(chaotic, redelivered);

            assertSameTotals(chaotic, inOrder);
        }
    }

    private static void assertSameTotals(DynamoDbReportCounters chaotic, DynamoDbReportCounters inOrder) {
        assertThat(chaotic.funnel(NOVEMBER.from(), NOVEMBER.to()))
                .containsExactlyInAnyOrderElementsOf(inOrder.funnel(NOVEMBER.from(), NOVEMBER.to()));
        assertThat(chaotic.journeys(NOVEMBER.from(), NOVEMBER.to()))
                .containsExactlyInAnyOrderElementsOf(inOrder.journeys(NOVEMBER.from(), NOVEMBER.to()));
        assertThat(VelocityReport.of(chaotic.velocity(NOVEMBER.from(), NOVEMBER.to()), NOVEMBER))
                .isEqualTo(VelocityReport.of(inOrder.velocity(NOVEMBER.from(), NOVEMBER.to()), NOVEMBER));
    }

    @Test
    void record_whenTheSameTallyTwice_returnsFalseTheSecondTime() {
        DynamoDbReportCounters counters = newCounters();
        var tally = ReportTallies.of(events().get(0)).orElseThrow();

        assertThat(counters.record(tally)).isTrue();
        assertThat(counters.record(tally)).isFalse();
        assertThat(counters.funnel(NOVEMBER.from(), NOVEMBER.to())).extracting(r -> r.count()).containsOnly(1L);
    }

    @Test
    void funnel_whenRangeSpansMonths_readsEachMonthsPartitionWithinTheDays() {
        DynamoDbReportCounters counters = newCounters();
        String lead = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
        for (String day : List.of("2026-10-31", "2026-11-01", "2026-12-31", "2027-01-01", "2027-01-02")) {
            counters.record(ReportTallies.of(new LeadCaptured("cap-" + day, Instant.parse(day + "T23:59:59Z"), lead,
                    "demo", true, "lead", true, null, null, "a#b")).orElseThrow());
        }

        var rows = counters.funnel(LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-01"));

        assertThat(rows).extracting(r -> r.key().day().toString()).containsOnly("2026-11-01", "2026-12-31", "2027-01-01");
        assertThat(rows).extracting(r -> r.key().campaign()).containsOnly("a#b");
    }
}
