package dev.lem.scoring.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.aws.AwsClients;
import dev.lem.blob.aws.SignedS3Reader;
import dev.lem.predict.BlobModelRegistry;
import dev.lem.scoring.ConversionPredictor;
import dev.lem.scoring.RecentOutcomes;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.config.Env;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lambda.SqsBatches;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.scoring.ScoringConfig;
import dev.lem.scoring.ScoringService;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbOutcomeTallies;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.visitor.VisitorTimeline;
import java.time.Clock;

/** Activity queue batch → scores and lifecycle; failed records are reported back to SQS (partial batch response). */
public final class ScoringHandler extends MeteredRequestHandler<SQSEvent, SQSBatchResponse> {

    private final ScoringService service;

    public ScoringHandler() {
        this(wire(ScoringConfig.fromEnv(Env.system())));
    }

    public ScoringHandler(ScoringService service) {
        this.service = service;
    }

    public static ScoringService wire(ScoringConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        Clock clock = Clock.systemUTC();
        ConversionPredictor predictor = config.modelBucket()
                .map(bucket -> ConversionPredictor.fromRegistry(new BlobModelRegistry(
                        SignedS3Reader.create(config.aws(), bucket.name()), clock), bucket.refresh(),
                        bucket.mqlThreshold(), clock.instant()))
                .orElse(config.predictor())
                .withContext(new RecentOutcomes(new DynamoDbOutcomeTallies(dynamo, config.tableName())));
        return new ScoringService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbLeadStandingStore(dynamo, config.tableName()),
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()),
                new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), config.scheduleGroup(),
                        config.timerTargetArn(), config.schedulerRoleArn(), config.schedulerDeadLetterArn()),
                config.models(), config.sla(), clock,
                new VisitorTimeline(new DynamoDbVisitorStore(dynamo, config.tableName())), predictor);
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent event, Context context) {
        return SqsBatches.process("scoring", event, service::handle);
    }
}
