package dev.lem.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.api.ApiConfig;
import dev.lem.api.ApiRequest;
import dev.lem.api.ApiResponse;
import dev.lem.api.CostReports;
import dev.lem.api.LeadApi;
import dev.lem.api.aws.CloudWatchUsageSource;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.config.Env;
import dev.lem.cost.CostModel;
import dev.lem.cost.LeadCounts;
import dev.lem.cost.PriceTable;
import dev.lem.json.Json;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lead.IdentityHasher;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.StoreUnavailableException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The admin HTTP API (payload format 2.0) behind IAM authorisation: request → {@link LeadApi} → JSON response.
 * DynamoDB being unavailable is a 503 with Retry-After; the caller's mistakes are 4xx from {@link LeadApi}.
 */
public final class ApiHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** The services behind the routes: the lead reads and {@code GET /reports/cost}. */
    public record Services(LeadApi leads, CostReports cost) {}

    private final LeadApi api;
    private final Optional<CostReports> cost;

    public ApiHandler() {
        this(wire(ApiConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    /** The lead reads only ({@code /reports/cost} is then an unknown route). */
    public ApiHandler(LeadApi api) {
        this.api = api;
        this.cost = Optional.empty();
    }

    public ApiHandler(Services services) {
        this.api = services.leads();
        this.cost = Optional.of(services.cost());
    }

    public static Services wire(ApiConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        LeadApi leads = new LeadApi(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbLeadStandingStore(dynamo, config.tableName()), new IdentityHasher(config.identityKey()),
                Clock.systemUTC());
        return new Services(leads, new CostReports(new CloudWatchUsageSource(AwsClients.client(CloudWatchClient.builder(),
                config.aws())), LeadCounts.UNCOUNTED, new CostModel(PriceTable.builtIn())));
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("GET").toUpperCase(Locale.ROOT);
        String path = Optional.ofNullable(event.getRawPath()).orElse("/");
        ApiResponse response;
        try {
            ApiRequest request = new ApiRequest(method, path, event.getQueryStringParameters());
            response = cost.isPresent() && path.equals(CostReports.PATH) ? cost.get().handle(request) : api.handle(request);
        } catch (StoreUnavailableException e) {
            LOG.warn("admin read failed reason=store-unavailable");
            return reply(ApiResponse.error(503, "lead store unavailable; retry later"), Map.of("Retry-After", "5"));
        }
        LOG.info("admin read status={}", response.status());
        return reply(response, Map.of());
    }

    private static APIGatewayV2HTTPResponse reply(ApiResponse response, Map<String, String> extra) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of(
                "Content-Type", "application/json; charset=utf-8",
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"));
        headers.putAll(extra);
        if (response.status() == 405) {
            headers.put("Allow", "GET");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers)
                .withBody(Json.write(response.body())).build();
    }
}
