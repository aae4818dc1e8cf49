package dev.lem.journey.aws;

import dev.lem.journey.ScoreExplanations;
import dev.lem.journey.BuiltInJourneys;
import dev.lem.journey.EnrolmentStore;
import dev.lem.journey.JourneyCatalog;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.JourneyRunner;
import dev.lem.journey.LayeredJourneySource;
import dev.lem.journey.LeadStoreUpdater;
import dev.lem.journey.SalesAssignment;
import dev.lem.lead.LeadStore;
import dev.lem.queue.MessageQueue;
import dev.lem.schedule.StepScheduler;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbAssignmentCounter;
import dev.lem.store.DynamoDbEnrolmentStore;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbLeadStore;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What router and drip share to run journeys, wired on one DynamoDB table: the catalog (built-in journeys under
 * the deployed ones, the list re-read every {@link #REFRESH}), enrolments, leads and the runner.
 */
public record JourneyRuntime(JourneyCatalog catalog, EnrolmentStore enrolments, LeadStore leads, JourneyRunner runner) {

    public static final Duration REFRESH = Duration.ofSeconds(60);

    /** @param activityQueue where update steps queue lifecycle moves for scoring */
    public static JourneyRuntime create(DynamoDbClient dynamo, String table, MessageQueue notifyQueue,
                                        MessageQueue activityQueue, StepScheduler scheduler, Clock clock) {
        JourneyParser parser = JourneyParser.create();
        var source = new LayeredJourneySource(BuiltInJourneys.load(parser), new DynamoDbJourneyStore(dynamo, table, parser));
        var enrolments = new DynamoDbEnrolmentStore(dynamo, table);
        var leads = new DynamoDbLeadStore(dynamo, table);
        var runner = new JourneyRunner(enrolments, notifyQueue, scheduler, new LeadStoreUpdater(leads, activityQueue),
                new SalesAssignment(new DynamoDbAssignmentCounter(dynamo, table)),
                ScoreExplanations.from(new DynamoDbLeadStandingStore(dynamo, table)));
        return new JourneyRuntime(new JourneyCatalog(source, clock, REFRESH), enrolments, leads, runner);
    }
}
