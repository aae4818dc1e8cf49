package dev.lem.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.events.EventTouch;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.MessageSent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportTalliesTest {

    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final Instant AT = Instant.parse("2026-11-23T23:30:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @Test
    void of_whenNewLeadCaptured_countsTheEntryUnderBothModelsWithTheSubmissionsTouch() {
        ReportTally tally = ReportTallies.of(new LeadCaptured("cap-1", AT, LEAD, "demo", true, "lead", true, "google",
                "cpc", "brand")).orElseThrow();

        assertThat(tally.markerKey()).isEqualTo("evt#lead.captured#cap-1");
        assertThat(tally.funnel()).containsExactly(
                new FunnelCount(DAY, AttributionModel.FIRST, "brand", "google", "demo", "anonymous>lead"),
                new FunnelCount(DAY, AttributionModel.LAST, "brand", "google", "demo", "anonymous>lead"));
    }

    @Test
    void of_whenReturningLeadCaptured_countsNothing() {
        assertThat(ReportTallies.of(new LeadCaptured("cap-2", AT, LEAD, "demo", false, "lead", true))).isEmpty();
    }

    @Test
    void of_whenStateChanged_creditsFirstAndLastTouchAndSamplesTimeInState() {
        LeadStateChanged changed = new LeadStateChanged("s-1", AT, LEAD, "lead", "mql", "score", false,
                AT.minus(Duration.ofHours(5)), new EventTouch("brand", "google", "demo"),
                new EventTouch("webinar", "newsletter", "webinar"));

        ReportTally tally = ReportTallies.of(changed).orElseThrow();

        assertThat(tally.funnel()).containsExactly(
                new FunnelCount(DAY, AttributionModel.FIRST, "brand", "google", "demo", "lead>mql"),
                new FunnelCount(DAY, AttributionModel.LAST, "webinar", "newsletter", "webinar", "lead>mql"));
        assertThat(tally.velocity()).containsExactly(new VelocitySample(DAY, "lead", Duration.ofHours(5)));
    }

    @Test
    void of_whenStateChangedWithoutAttribution_countsUnderNone() {
        ReportTally tally = ReportTallies.of(new LeadStateChanged("s-2", AT, LEAD, "mql", "sql", "", false)).orElseThrow();

        assertThat(tally.funnel()).extracting(FunnelCount::campaign, FunnelCount::source, FunnelCount::form)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(FunnelCount.NONE, FunnelCount.NONE, FunnelCount.NONE));
        assertThat(tally.velocity()).as("no fromEnteredAt, no sample").isEmpty();
    }

    @Test
    void of_whenSlaBreached_countsABreachAndNoTransitionOrSample() {
        LeadStateChanged breach = new LeadStateChanged("breach-1", AT, LEAD, "mql", "mql", "still mql", true,
                AT.minus(Duration.ofHours(49)), new EventTouch("brand", null, null), null);

        ReportTally tally = ReportTallies.of(breach).orElseThrow();

        assertThat(tally.funnel()).extracting(FunnelCount::metric).containsOnly("sla>mql");
        assertThat(tally.funnel()).extracting(FunnelCount::campaign).containsOnly("brand");
        assertThat(tally.velocity()).isEmpty();
    }

    @Test
    void of_whenJourneyMessageSentOpenedClicked_countsItsStepOncePerMessage() {
        String messageId = "nurture.r2.3." + LEAD;

        ReportTally sent = ReportTallies.of(new MessageSent("sent-1", AT, messageId, LEAD, "email", "t", "ses")).orElseThrow();
        ReportTally opened = ReportTallies.of(LeadActivity.ofMessage("a-1", AT, LEAD, "email.open", messageId)).orElseThrow();
        ReportTally clicked = ReportTallies.of(LeadActivity.ofMessage("a-2", AT, LEAD, "email.click", messageId)).orElseThrow();

        assertThat(sent.journeys()).containsExactly(new JourneyCount(DAY, "nurture", 3, JourneyMetric.SENT));
        assertThat(sent.markerKey()).isEqualTo("msg#sent#" + messageId);
        assertThat(opened.journeys()).containsExactly(new JourneyCount(DAY, "nurture", 3, JourneyMetric.OPENED));
        assertThat(opened.markerKey()).as("a second open of the message is the same marker").isEqualTo("msg#opened#" + messageId);
        assertThat(clicked.journeys()).containsExactly(new JourneyCount(DAY, "nurture", 3, JourneyMetric.CLICKED));
    }

    @Test
    void of_whenNotAJourneyMessageOrNotAnOpen_countsNothing() {
        assertThat(ReportTallies.of(new MessageSent("sent-2", AT, "welcome-0b7e6a52", LEAD, "email", "t", "ses"))).isEmpty();
        assertThat(ReportTallies.of(new LeadActivity("a-3", AT, LEAD, "a-3", "page.view"))).isEmpty();
        assertThat(ReportTallies.of(LeadActivity.ofMessage("a-4", AT, LEAD, "email.open.automated", "j.1." + LEAD))).isEmpty();
        assertThat(ReportTallies.of(new LeadScored("sc", AT, LEAD, 10, 0, "v1", "c", "rules", java.util.List.of(), null)))
                .isEmpty();
    }

    @Test
    void parse_whenJourneyMessageIds_splitsJourneyAndStep() {
        assertThat(JourneyMessageId.parse("welcome-series.2." + LEAD)).contains(new JourneyMessageId("welcome-series", 2));
        assertThat(JourneyMessageId.parse("a.b.4." + LEAD)).contains(new JourneyMessageId("a.b", 4));
        assertThat(JourneyMessageId.parse("j.r12.7." + LEAD)).contains(new JourneyMessageId("j", 7));
        assertThat(JourneyMessageId.parse("j.x." + LEAD)).isEmpty();
        assertThat(JourneyMessageId.parse(null)).isEmpty();
    }
}
