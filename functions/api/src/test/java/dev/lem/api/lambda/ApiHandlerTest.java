package dev.lem.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.api.LeadApi;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.store.StoreUnavailableException;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {

    private static final LeadId ID = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final ApiHandler handler = new ApiHandler(new dev.lem.api.ApiRoutes(new LeadApi(leads,
            new InMemoryLeadStandingStore(leads), new IdentityHasher(new byte[32]), Clock.fixed(AT, ZoneOffset.UTC)),
            new dev.lem.api.ReportApi(new dev.lem.testing.fakes.InMemoryReportCounters(), java.util.List::of,
                    dev.lem.api.ReportEndpoint.notImplemented("cost"), Clock.fixed(AT, ZoneOffset.UTC))));

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    @Test
    void handleRequest_whenTheLeadExists_answersJsonThatIsNotCached() {
        leads.put(new Lead(ID, "h", null, Map.of(), LeadState.LEAD, AT, 7, Map.of(), AT, AT, 1));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/leads/" + ID.value(), null), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8")
                .containsEntry("Cache-Control", "no-store");
        assertThat(Json.tree(response.getBody()).path("score").asInt()).isEqualTo(7);
    }

    @Test
    void handleRequest_whenTheMethodIsNotGet_answers405WithAllow() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("PUT", "/leads/" + ID.value(), null), null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "GET");
    }

    @Test
    void handleRequest_whenTheStoreIsUnavailable_answers503WithRetryAfter() {
        leads.failNextCallWith(new StoreUnavailableException("get lead throttled", null));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/leads/" + ID.value(), null), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "5");
        assertThat(Json.tree(response.getBody()).path("error").asText()).isEqualTo("store unavailable; retry later");
    }

    @Test
    void handleRequest_whenReportsCost_routesToTheCostReport() {
        dev.lem.cost.UsageSource none = new dev.lem.cost.UsageSource() {
            @Override
            public dev.lem.cost.Usage total(java.time.LocalDate from, java.time.LocalDate to) {
                return dev.lem.cost.Usage.NONE;
            }

            @Override
            public Map<String, dev.lem.cost.Usage> byCampaign(java.time.LocalDate from, java.time.LocalDate to) {
                return Map.of();
            }
        };
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        ApiHandler withCost = new ApiHandler(new dev.lem.api.ApiRoutes(new LeadApi(leads, new InMemoryLeadStandingStore(leads),
                new IdentityHasher(new byte[32]), clock), new dev.lem.api.ReportApi(new dev.lem.testing.fakes.InMemoryReportCounters(),
                java.util.List::of, new dev.lem.api.CostReports(none, dev.lem.cost.LeadCounts.UNCOUNTED,
                new dev.lem.cost.CostModel(dev.lem.cost.PriceTable.builtIn()), clock), clock)));

        APIGatewayV2HTTPResponse ok = withCost.handleRequest(event("GET", "/reports/cost",
                Map.of("from", "2026-11-01", "to", "2026-11-23")), null);
        APIGatewayV2HTTPResponse bad = withCost.handleRequest(event("GET", "/reports/cost",
                Map.of("from", "2026-11-24", "to", "2026-11-23")), null);

        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(Json.tree(ok.getBody()).path("total").path("usd").asDouble()).isZero();
        assertThat(Json.tree(ok.getBody()).path("perLead").isNull()).isTrue();
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(event("GET", "/reports/cost", Map.of()), null).getStatusCode())
                .as("a deployment without a cost model").isEqualTo(501);
    }

    @Test
    void handleRequest_whenTheEventHasNoContextOrPath_answersA4xxNotAnError() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(new APIGatewayV2HTTPEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
    }
}
