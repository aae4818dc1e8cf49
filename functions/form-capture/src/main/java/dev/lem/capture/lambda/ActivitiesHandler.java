package dev.lem.capture.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.capture.activities.ActivitiesConfig;
import dev.lem.capture.activities.ActivityBatch;
import dev.lem.capture.activities.ActivityIngestionService;
import dev.lem.capture.activities.ActivityIngestionService.BatchResult;
import dev.lem.capture.activities.ActivityIngestionService.ItemResult;
import dev.lem.config.Env;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lead.IdentityHasher;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /activities} (IAM-authorised when deployed; the run's admin token under {@code lem up}): a batch of
 * offline activity in, 207 with a result per item out. The work is {@link ActivityIngestionService}'s.
 */
public final class ActivitiesHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ActivitiesHandler.class);

    private final ActivityIngestionService service;
    private final Clock clock;

    public ActivitiesHandler() {
        this(wire(ActivitiesConfig.fromEnv(SecretEnvironment.resolve(Env.system()))), Clock.systemUTC());
    }

    public ActivitiesHandler(ActivityIngestionService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public static ActivityIngestionService wire(ActivitiesConfig config) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(config.aws());
        return new ActivityIngestionService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new IdentityHasher(config.identityKey()), new DynamoDbIdempotencyStore(dynamo, config.tableName()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()));
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        JsonPost post = JsonPost.read(event);
        if (post.rejected()) {
            return post.rejection();
        }
        String body = post.body();
        BatchResult result;
        try {
            result = service.ingest(body, clock.instant());
        } catch (ActivityBatch.InvalidBatchException e) {
            LOG.info("activity batch rejected status={}", e.status());
            return HttpResponses.json(e.status(), Map.of("error", e.getMessage()));
        }
        LOG.info("activity batch items={} accepted={} duplicate={} failed={}", result.results().size(),
                result.count("accepted"), result.count("duplicate"),
                result.results().size() - result.count("accepted") - result.count("duplicate"));
        return HttpResponses.json(207, body(result));
    }

    private static Map<String, Object> body(BatchResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", result.count("accepted"));
        body.put("duplicates", result.count("duplicate"));
        body.put("failed", result.results().size() - result.count("accepted") - result.count("duplicate"));
        List<Map<String, Object>> items = result.results().stream().map(ActivitiesHandler::item).toList();
        body.put("items", items);
        return body;
    }

    private static Map<String, Object> item(ItemResult r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", r.index());
        put(item, "source", r.source());
        put(item, "externalId", r.externalId());
        item.put("status", r.status());
        item.put("result", r.result());
        put(item, "activityId", r.activityId());
        put(item, "leadId", r.leadId());
        if (r.errors() != null) {
            item.put("errors", r.errors());
        }
        return item;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
