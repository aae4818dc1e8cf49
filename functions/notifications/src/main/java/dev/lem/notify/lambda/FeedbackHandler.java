package dev.lem.notify.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.config.Env;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lambda.SqsBatches;
import dev.lem.lead.IdentityHasher;
import dev.lem.notify.FeedbackConfig;
import dev.lem.notify.FeedbackService;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSuppressionList;

/** SES feedback queue (subscribed to the SES feedback topic) → suppression, unreachable, activity; partial batch response. */
public final class FeedbackHandler extends MeteredRequestHandler<SQSEvent, SQSBatchResponse> {

    private final FeedbackService service;

    public FeedbackHandler() {
        this(wire(FeedbackConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    public FeedbackHandler(FeedbackService service) {
        this.service = service;
    }

    public static FeedbackService wire(FeedbackConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        return new FeedbackService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbSuppressionList(dynamo, config.tableName()), new IdentityHasher(config.identityKey()),
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()));
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent event, Context context) {
        return SqsBatches.process("ses-feedback", event, service::handle);
    }
}
