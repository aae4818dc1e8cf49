package dev.lem.notify.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.config.Env;
import dev.lem.json.Json;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.LeadId;
import dev.lem.notify.ErasureConfig;
import dev.lem.notify.ErasureService;
import dev.lem.notify.Recipients;
import dev.lem.schedule.ScheduleException;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.store.StoreUnavailableException;
import java.time.Clock;
import java.util.Map;

/**
 * {@code DELETE /leads/{id}} (IAM-authorised in AWS; the admin bearer token under {@code lem up}): erases the lead.
 * 204 when erased, 404 when there is no such lead (never was, or already erased), 400 for a malformed id, 405 for
 * another method, 503 (retry) when DynamoDB or the scheduler failed part-way: a retry finishes the erasure.
 */
public final class ErasureHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ErasureService service;

    public ErasureHandler() {
        this(wire(ErasureConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    public ErasureHandler(ErasureService service) {
        this.service = service;
    }

    public static ErasureService wire(ErasureConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        // only cancels: the target and role of a schedule are not needed to delete it
        var timers = new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), config.scheduleGroup(), "", "");
        return new ErasureService(new DynamoDbLeadErasure(dynamo, config.tableName()),
                new DynamoDbSuppressionList(dynamo, config.tableName()), new Recipients(new IdentityHasher(config.identityKey())),
                timers, Clock.systemUTC());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        if (!HttpRequests.method(event).equals("DELETE")) {
            return json(405, "method not allowed");
        }
        String id = HttpRequests.pathParameter(event, "id");
        if (!LeadId.isValid(id)) {
            return json(400, "id must be a lead id (UUID)");
        }
        try {
            return switch (service.erase(new LeadId(id))) {
                case ERASED -> HttpRequests.empty(204);
                case NOT_FOUND -> json(404, "no such lead");
            };
        } catch (StoreUnavailableException | ScheduleException e) {
            APIGatewayV2HTTPResponse busy = json(503, "erasure did not finish; retry");
            busy.getHeaders().put("Retry-After", "30");
            return busy;
        }
    }

    private static APIGatewayV2HTTPResponse json(int status, String error) {
        return HttpRequests.response(status, "application/json", Json.write(Map.of("error", error)));
    }
}
