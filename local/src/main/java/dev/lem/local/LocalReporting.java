package dev.lem.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.api.ReportApi;
import dev.lem.api.ReportEndpoint;
import dev.lem.cost.LeadCounts;
import dev.lem.journey.BuiltInJourneys;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.LayeredJourneySource;
import dev.lem.queue.MessageQueue;
import dev.lem.report.FunnelLeadCounts;
import dev.lem.reporting.ReportingService;
import dev.lem.reporting.lambda.ReportingHandler;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbReportCounters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reporting on {@code lem up}, wired as in AWS: the bus rule {@code reported-events-to-reporting} puts the event
 * envelope on the local reporting queue ({@link #queueTarget}), a poller feeds the real {@link ReportingHandler}, and
 * the api handler's {@link ReportApi} reads the same counters.
 */
final class LocalReporting {

    private final DynamoDbReportCounters counters;
    private final LayeredJourneySource journeys;
    private final Clock clock;

    LocalReporting(DynamoDbClient dynamo, String table, Clock clock) {
        this.counters = new DynamoDbReportCounters(dynamo, table, clock);
        JourneyParser parser = JourneyParser.create();
        this.journeys = new LayeredJourneySource(BuiltInJourneys.load(parser), new DynamoDbJourneyStore(dynamo, table, parser));
        this.clock = clock;
    }

    /** The bus target: like EventBridge's SQS target, the whole envelope becomes the message body. */
    static RequestStreamHandler queueTarget(MessageQueue reportingQueue) {
        return (input, output, context) -> reportingQueue.send(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }

    ReportingHandler handler() {
        return new ReportingHandler(new ReportingService(counters));
    }

    /** New leads and MQL entries, the divisors of {@code /reports/cost}, from the same counters. */
    LeadCounts leadCounts() {
        return new FunnelLeadCounts(counters);
    }

    ReportApi api(ReportEndpoint cost) {
        return new ReportApi(counters, journeys::current, cost, clock);
    }
}
