package dev.lem.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.api.ApiConfig;
import dev.lem.api.ApiRequest;
import dev.lem.api.ApiResponse;
import dev.lem.api.ApiRoutes;
import dev.lem.api.CostReports;
import dev.lem.api.LeadApi;
import dev.lem.api.ReportApi;
import dev.lem.api.aws.CloudWatchUsageSource;
import dev.lem.journey.BuiltInJourneys;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.JourneySource;
import dev.lem.journey.LayeredJourneySource;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbReportCounters;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.config.Env;
import dev.lem.cost.CostModel;
import dev.lem.cost.LeadCounts;
import dev.lem.report.FunnelLeadCounts;
import dev.lem.report.ReportCounters;
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

    private final ApiRoutes api;

    public ApiHandler() {
        this(wire(ApiConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    public ApiHandler(ApiRoutes api) {
        this.api = api;
    }

    public static ApiRoutes wire(ApiConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        Clock clock = Clock.systemUTC();
        JourneyParser parser = JourneyParser.create();
        ReportCounters counters = new DynamoDbReportCounters(dynamo, config.tableName(), clock);
        JourneySource journeys = new LayeredJourneySource(BuiltInJourneys.load(parser),
                new DynamoDbJourneyStore(dynamo, config.tableName(), parser));
        return new ApiRoutes(new LeadApi(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbLeadStandingStore(dynamo, config.tableName()), new IdentityHasher(config.identityKey()), clock),
                new ReportApi(counters, journeys::current,
                        costReport(config, counters), clock));
    }

    /** {@code GET /reports/cost}: usage from CloudWatch, priced by the built-in table, per lead and MQL of the funnel. */
    private static CostReports costReport(ApiConfig config, ReportCounters counters) {
        return new CostReports(new CloudWatchUsageSource(AwsClients.client(CloudWatchClient.builder(), config.aws())),
                new FunnelLeadCounts(counters), new CostModel(PriceTable.builtIn()), Clock.systemUTC());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("GET").toUpperCase(Locale.ROOT);
        String path = Optional.ofNullable(event.getRawPath()).orElse("/");
        ApiResponse response;
        try {
            response = api.handle(new ApiRequest(method, path, event.getQueryStringParameters()));
        } catch (StoreUnavailableException e) {
            LOG.warn("admin read failed reason=store-unavailable");
            return reply(ApiResponse.error(503, "store unavailable; retry later"), Map.of("Retry-After", "5"));
        }
        LOG.info("admin read status={}", response.status());
        return reply(response, Map.of());
    }

    private static APIGatewayV2HTTPResponse reply(ApiResponse response, Map<String, String> extra) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of(
                "Content-Type", response.contentType(),
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"));
        headers.putAll(extra);
        if (response.status() == 405) {
            headers.put("Allow", "GET");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers)
                .withBody(response.isJson() ? Json.write(response.body()) : String.valueOf(response.body())).build();
    }
}
