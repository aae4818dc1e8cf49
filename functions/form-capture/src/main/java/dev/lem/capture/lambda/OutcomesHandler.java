package dev.lem.capture.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.capture.outcomes.OutcomeIngestionService;
import dev.lem.capture.outcomes.OutcomeReport.InvalidOutcomeException;
import dev.lem.capture.outcomes.OutcomesConfig;
import dev.lem.config.Env;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lead.IdentityHasher;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /outcomes} (IAM-authorised when deployed; the run's admin token under {@code lem up}): one outcome
 * report in, {@code 202 accepted} / {@code 200 duplicate} with the event id out. The work is
 * {@link OutcomeIngestionService}'s.
 */
public final class OutcomesHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomesHandler.class);

    private final OutcomeIngestionService service;
    private final Clock clock;

    public OutcomesHandler() {
        this(wire(OutcomesConfig.fromEnv(SecretEnvironment.resolve(Env.system()))), Clock.systemUTC());
    }

    public OutcomesHandler(OutcomeIngestionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public static OutcomeIngestionService wire(OutcomesConfig config) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(config.aws());
        return new OutcomeIngestionService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new IdentityHasher(config.identityKey()), new DynamoDbIdempotencyStore(dynamo, config.tableName()),
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()));
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        JsonPost post = JsonPost.read(event);
        if (post.rejected()) {
            return post.rejection();
        }
        String body = post.body();
        OutcomeIngestionService.Result result;
        try {
            result = service.record(body, clock.instant());
        } catch (InvalidOutcomeException e) {
            LOG.info("outcome rejected status={}", e.status());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            if (!e.errors().isEmpty()) {
                error.put("errors", e.errors());
            }
            return HttpResponses.json(e.status(), error);
        }
        LOG.info("outcome status={} result={} eventId={}", result.status(), result.result(), result.eventId());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("result", result.result());
        response.put("eventId", result.eventId());
        if (result.leadId() != null) {
            response.put("leadId", result.leadId());
        }
        if (result.error() != null) {
            response.put("error", result.error());
        }
        return HttpResponses.json(result.status(), response);
    }
}
