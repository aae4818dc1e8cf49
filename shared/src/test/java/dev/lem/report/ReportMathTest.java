package dev.lem.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lem.journey.Journey;
import dev.lem.journey.JourneyParser;
import dev.lem.report.ReportCounters.FunnelRow;
import dev.lem.report.ReportCounters.JourneyRow;
import dev.lem.report.ReportCounters.VelocityRow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Report math on fixed fixtures; every expectation is computed by hand in the comments. */
class ReportMathTest {

    private static final LocalDate FROM = LocalDate.parse("2026-11-01");
    private static final LocalDate TO = LocalDate.parse("2026-11-30");
    private static final AttributionModel FIRST = AttributionModel.FIRST;

    private static final List<FunnelRow> FUNNEL = List.of(
            row("2026-11-02", FIRST, "brand", "google", "demo", "anonymous>lead", 10),
            row("2026-11-02", FIRST, "brand", "google", "demo", "anonymous>subscriber", 4),
            row("2026-11-03", FIRST, null, null, "demo", "anonymous>lead", 6),
            row("2026-11-07", FIRST, "brand", "facebook", "demo", "anonymous>lead", 2),
            row("2026-11-05", FIRST, "brand", "google", "demo", "lead>mql", 5),
            row("2026-11-06", FIRST, null, null, "demo", "lead>mql", 1),
            row("2026-11-10", FIRST, "brand", "google", "demo", "mql>sql", 2),
            row("2026-11-12", FIRST, "brand", "google", "demo", "sql>customer", 1),
            row("2026-11-12", FIRST, "brand", "google", "demo", "sla>mql", 3),
            row("2026-10-31", FIRST, "brand", "google", "demo", "anonymous>lead", 100),
            row("2026-12-01", FIRST, "brand", "google", "demo", "lead>mql", 100),
            row("2026-11-05", AttributionModel.LAST, "webinar", "newsletter", "webinar", "lead>mql", 5));

    @Test
    void funnel_whenUnfiltered_countsStageEntriesAndRatesInRange() {
        FunnelReport report = FunnelReport.of(FUNNEL, ReportFilter.range(FROM, TO));

        // new leads: 10 + 4 + 6 + 2 = 22 (the October and December rows are out of range)
        assertThat(report.newLeads()).isEqualTo(22);
        // subscriber 4; lead 10+6+2 = 18 (18/4 = 4.5); mql 5+1 = 6 (6/18 = 0.3333); sql 2 (2/6); customer 1 (1/2)
        assertThat(report.stages()).containsExactly(
                new FunnelReport.Stage("subscriber", 4, null),
                new FunnelReport.Stage("lead", 18, 4.5),
                new FunnelReport.Stage("mql", 6, 0.3333),
                new FunnelReport.Stage("sql", 2, 0.3333),
                new FunnelReport.Stage("customer", 1, 0.5));
        assertThat(report.slaBreaches()).containsExactly(new FunnelReport.SlaBreaches("mql", 3));
        assertThat(report.transitions()).contains(new FunnelReport.Transition("lead", "mql", 6),
                new FunnelReport.Transition("anonymous", "lead", 18));
        assertThat(report.campaigns()).extracting(FunnelReport.CampaignStages::campaign, FunnelReport.CampaignStages::newLeads)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("(none)", 6L), org.assertj.core.groups.Tuple.tuple("brand", 16L));
    }

    @Test
    void funnel_whenCampaignAndSourceFiltered_countsOnlyThatTouch() {
        FunnelReport report = FunnelReport.of(FUNNEL, new ReportFilter(FROM, TO, Optional.of("brand"),
                Optional.of("google"), Optional.empty(), FIRST));

        // new leads 10 + 4 = 14; lead 10 (10/4 = 2.5); mql 5 (0.5); sql 2 (0.4); customer 1 (0.5)
        assertThat(report.newLeads()).isEqualTo(14);
        assertThat(report.stages()).extracting(FunnelReport.Stage::entered).containsExactly(4L, 10L, 5L, 2L, 1L);
        assertThat(report.stages()).extracting(FunnelReport.Stage::conversionFromPrevious)
                .containsExactly(null, 2.5, 0.5, 0.4, 0.5);
        assertThat(report.filters()).isEqualTo(new FunnelReport.Filters("brand", "google", null));
    }

    @Test
    void funnel_whenLastTouchModelAndForm_creditsTheLastTouch() {
        FunnelReport last = FunnelReport.of(FUNNEL, new ReportFilter(FROM, TO, Optional.empty(), Optional.empty(),
                Optional.of("webinar"), AttributionModel.LAST));
        FunnelReport firstWebinar = FunnelReport.of(FUNNEL, new ReportFilter(FROM, TO, Optional.empty(), Optional.empty(),
                Optional.of("webinar"), FIRST));

        assertThat(last.stages()).extracting(FunnelReport.Stage::entered).containsExactly(0L, 0L, 5L, 0L, 0L);
        assertThat(last.stages().get(2).conversionFromPrevious()).as("0 leads: no rate").isNull();
        assertThat(firstWebinar.stages()).extracting(FunnelReport.Stage::entered).containsOnly(0L);
    }

    @Test
    void velocity_whenHistogramsOfSeveralDays_mergesThemPerState() {
        List<VelocityRow> rows = List.of(
                velocity("2026-11-05", "lead", Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3)),
                velocity("2026-11-06", "lead", Duration.ofHours(10)),
                velocity("2026-11-10", "mql", Duration.ofDays(2)),
                velocity("2026-10-31", "lead", Duration.ofDays(100)));

        VelocityReport report = VelocityReport.of(rows, ReportFilter.range(FROM, TO));

        // lead: 4 samples; mean (3600+7200+10800+36000)/4 = 14400 s; median = rank 2 = 2 h, in bucket 28
        // [60·2^6.75, 60·2^7) reported as 60·2^6.875 = 7042.6 s; p90 = rank ⌈3.6⌉ = 4 = 10 h, bucket 37 → 33500.4 s
        VelocityReport.StateVelocity lead = report.states().get(0);
        assertThat(lead.state()).isEqualTo("lead");
        assertThat(lead.samples()).isEqualTo(4);
        assertThat(lead.meanSeconds()).isEqualTo(14400.0);
        assertThat(lead.medianSeconds()).isCloseTo(7042.6, within(0.1));
        assertThat(lead.p90Seconds()).isCloseTo(33500.4, within(0.1));
        // mql: one sample of 2 days = 172800 s, bucket 46 → 159355.6 s (−7.8 %)
        VelocityReport.StateVelocity mql = report.states().get(1);
        assertThat(mql.samples()).isEqualTo(1);
        assertThat(mql.medianSeconds()).isCloseTo(159355.6, within(0.1));
        assertThat(mql.p90Seconds()).isEqualTo(mql.medianSeconds());
    }

    @Test
    void journeys_whenCountsPerStep_computesRatesOverSentAndNamesArms() {
        Journey journey = JourneyParser.create().parse("""
                {"schemaVersion":1,"id":"nurture","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"ab","type":"branch","split":{"variants":[{"name":"a","percent":50,"goto":"a"},
                   {"name":"b","percent":50,"goto":"b"}]}},
                  {"id":"a","type":"send","channel":"email","template":"a","next":"end"},
                  {"id":"b","type":"send","channel":"email","template":"b"},
                  {"id":"end","type":"send","channel":"email","template":"c"}]}""");
        List<JourneyRow> rows = List.of(
                journey("2026-11-02", "nurture", 2, JourneyMetric.SENT, 10),
                journey("2026-11-03", "nurture", 2, JourneyMetric.OPENED, 4),
                journey("2026-11-04", "nurture", 2, JourneyMetric.CLICKED, 1),
                journey("2026-11-02", "nurture", 3, JourneyMetric.SENT, 8),
                journey("2026-11-03", "nurture", 3, JourneyMetric.OPENED, 6),
                journey("2026-11-03", "nurture", 4, JourneyMetric.OPENED, 1),
                journey("2026-10-30", "nurture", 2, JourneyMetric.SENT, 50));

        JourneyReport report = JourneyReport.of(rows, ReportFilter.range(FROM, TO), JourneyArms.of(List.of(journey)));

        // step 2 (arm ab:a): 4/10 = 0.4 opened, 1/10 = 0.1 clicked; step 3 (arm ab:b): 6/8 = 0.75, 0/8 = 0;
        // step 4 is reached by both arms: no arm; sent 0 in range: no rates
        assertThat(report.journeys()).hasSize(1);
        assertThat(report.journeys().get(0).steps()).containsExactly(
                new JourneyReport.StepRow(2, "ab:a", 10, 4, 1, 0.4, 0.1),
                new JourneyReport.StepRow(3, "ab:b", 8, 6, 0, 0.75, 0.0),
                new JourneyReport.StepRow(4, null, 0, 1, 0, null, null));
    }

    private static FunnelRow row(String day, AttributionModel model, String campaign, String source, String form,
                                 String metric, long n) {
        return new FunnelRow(new FunnelCount(LocalDate.parse(day), model, campaign, source, form, metric), n);
    }

    private static VelocityRow velocity(String day, String state, Duration... samples) {
        TimeHistogram h = TimeHistogram.empty();
        double sum = 0;
        for (Duration d : samples) {
            h = h.with(d);
            sum += d.toSeconds();
        }
        return new VelocityRow(LocalDate.parse(day), state, h, samples.length, sum);
    }

    private static JourneyRow journey(String day, String journey, int step, JourneyMetric metric, long n) {
        return new JourneyRow(new JourneyCount(LocalDate.parse(day), journey, step, metric), n);
    }
}
