package dev.lem.reporting.lambda;

import static dev.lem.testing.fakes.SqsEvents.batch;
import static dev.lem.testing.fakes.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.EventTouch;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.report.FunnelReport;
import dev.lem.report.ReportFilter;
import dev.lem.reporting.ReportingService;
import dev.lem.store.DynamoDbReportCounters;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reporting consumer on DynamoDB Local: partial batch failures, duplicates within and across batches. */
@ExtendWith(AwsEnginesExtension.class)
class ReportingHandlerIT {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final ReportFilter NOVEMBER = ReportFilter.range(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));

    private final DynamoDbReportCounters counters;
    private final ReportingHandler handler;

    ReportingHandlerIT(AwsEngines engines) {
        this.counters = new DynamoDbReportCounters(engines.dynamoDb(), engines.createTable(), Clock.fixed(AT, ZoneOffset.UTC));
        this.handler = new ReportingHandler(new ReportingService(counters));
    }

    static String envelope(LemEvent event) {
        return Json.write(new EventEnvelope("0", "bus-" + event.eventId(), event.detailType().wireName(), "lem",
                "123456789012", event.occurredAt(), "eu-west-1", List.of(), EventCodec.create().detail(event)));
    }

    @Test
    void handleRequest_whenBatchHasDuplicatesAndBadRecords_countsOnceAndFailsOnlyTheBadOnes() {
        String captured = envelope(new LeadCaptured("cap-1", AT, LEAD, "demo", true, "lead", true, "google", "cpc", "brand"));
        String mql = envelope(new LeadStateChanged("mql-1", AT.plus(Duration.ofHours(3)), LEAD, "lead", "mql", "", false,
                AT, new EventTouch("brand", "google", "demo"), new EventTouch("webinar", "newsletter", "webinar")));
        ObjectNode broken = (ObjectNode) Json.tree(mql);
        ((ObjectNode) broken.get("detail")).put("to", "nowhere");

        SQSBatchResponse response = handler.handleRequest(batch(message("m1", captured), message("m2", mql),
                message("m3", captured), message("m4", "{not json"), message("m5", Json.write(broken)),
                message("m6", mql)), null);
        SQSBatchResponse redelivered = handler.handleRequest(batch(message("m7", mql)), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m4", "m5");
        assertThat(redelivered.getBatchItemFailures()).isEmpty();
        FunnelReport first = FunnelReport.of(counters.funnel(NOVEMBER.from(), NOVEMBER.to()), NOVEMBER);
        assertThat(first.newLeads()).isEqualTo(1);
        assertThat(first.stages()).extracting(FunnelReport.Stage::entered).containsExactly(0L, 1L, 1L, 0L, 0L);
        FunnelReport last = FunnelReport.of(counters.funnel(NOVEMBER.from(), NOVEMBER.to()),
                new ReportFilter(NOVEMBER.from(), NOVEMBER.to(), java.util.Optional.of("webinar"), java.util.Optional.empty(),
                        java.util.Optional.empty(), dev.lem.report.AttributionModel.LAST));
        assertThat(last.stages()).extracting(FunnelReport.Stage::entered).containsExactly(0L, 0L, 1L, 0L, 0L);
        assertThat(counters.velocity(NOVEMBER.from(), NOVEMBER.to())).singleElement()
                .satisfies(row -> assertThat(row.sumSeconds()).isEqualTo(3 * 3600.0));
    }

    @Test
    void handleRequest_whenEventFromTheWrongSourceOrOversized_failsTheRecord() {
        String captured = envelope(new LeadCaptured("cap-2", AT, LEAD, "demo", true, "lead", true));
        String forged = captured.replace("\"source\":\"lem\"", "\"source\":\"lem.marketing\"");

        SQSBatchResponse response = handler.handleRequest(batch(message("f1", forged),
                message("f2", "x".repeat(300 * 1024))), null);

        assertThat(response.getBatchItemFailures()).hasSize(2);
        assertThat(counters.funnel(NOVEMBER.from(), NOVEMBER.to())).isEmpty();
    }
}
