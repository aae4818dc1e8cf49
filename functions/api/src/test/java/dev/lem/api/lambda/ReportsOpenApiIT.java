package dev.lem.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lem.api.ApiRoutes;
import dev.lem.api.LeadApi;
import dev.lem.api.ReportApi;
import dev.lem.api.CostReports;
import dev.lem.cost.CostModel;
import dev.lem.cost.PriceTable;
import dev.lem.cost.Usage;
import dev.lem.cost.UsageSource;
import dev.lem.events.EventTouch;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageSent;
import dev.lem.journey.JourneyParser;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.report.FunnelLeadCounts;
import dev.lem.report.ReportTallies;
import dev.lem.store.DynamoDbReportCounters;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real responses of the report endpoints (the api handler over DynamoDB Local counters filled from events),
 * validated against {@code openapi/reports.json}: each 200 against its response schema, each 400 against Error.
 * The cost report prices a fixed usage with the built-in price table and divides by the same counters' leads and MQLs.
 */
@ExtendWith(AwsEnginesExtension.class)
class ReportsOpenApiIT {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final JsonNode OPENAPI = openApi();

    private final ApiHandler handler;

    ReportsOpenApiIT(AwsEngines engines) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DynamoDbReportCounters counters = new DynamoDbReportCounters(engines.dynamoDb(), engines.createTable(), clock);
        events().forEach(e -> ReportTallies.of(e).ifPresent(counters::record));
        var journey = JourneyParser.create().parse("""
                {"schemaVersion":1,"id":"nurture","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"ab","type":"branch","split":{"variants":[{"name":"a","percent":50,"goto":"a"},
                   {"name":"b","percent":50,"goto":"b"}]}},
                  {"id":"a","type":"send","channel":"email","template":"a","next":"end"},
                  {"id":"b","type":"send","channel":"email","template":"b"},
                  {"id":"end","type":"exit"}]}""");
        InMemoryLeadStore leads = new InMemoryLeadStore();
        this.handler = new ApiHandler(new ApiRoutes(new LeadApi(leads, new InMemoryLeadStandingStore(leads),
                new IdentityHasher(new byte[32]), clock),
                new ReportApi(counters, () -> List.of(journey), new CostReports(FIXED_USAGE, new FunnelLeadCounts(counters),
                        new CostModel(PriceTable.builtIn()), clock), clock)));
    }

    /** 1,000 DynamoDB reads and 10 SQS sends over 100 invocations of 20 s at 512 MB, a tenth of it for "brand". */
    private static final UsageSource FIXED_USAGE = new UsageSource() {
        @Override
        public Usage total(LocalDate from, LocalDate to) {
            return new Usage(Map.of("dynamodb.read", 1_000L, "sqs", 10L), 100, 20_000, 20_000L * 512);
        }

        @Override
        public Map<String, Usage> byCampaign(LocalDate from, LocalDate to) {
            return Map.of("brand", new Usage(Map.of("dynamodb.read", 100L, "sqs", 1L), 10, 2_000, 2_000L * 512));
        }
    };

    private static List<LemEvent> events() {
        List<LemEvent> events = new ArrayList<>();
        Instant at = NOW.minus(Duration.ofDays(3));
        events.add(new LeadCaptured("c-1", at, LEAD, "demo", true, "lead", true, "google", "cpc", "brand"));
        events.add(new LeadStateChanged("s-1", at.plus(Duration.ofHours(5)), LEAD, "lead", "mql", "", false, at,
                new EventTouch("brand", "google", "demo"), new EventTouch(null, "newsletter", null)));
        events.add(new LeadStateChanged("b-1", at.plus(Duration.ofDays(2)), LEAD, "mql", "mql", "", true,
                at.plus(Duration.ofHours(5)), new EventTouch("brand", "google", "demo"), null));
        String message = "nurture.2." + LEAD;
        events.add(new MessageSent("m-1", at, message, LEAD, "email", "a", "ses"));
        events.add(LeadActivity.ofMessage("o-1", at.plus(Duration.ofMinutes(5)), LEAD, "email.open", message));
        return events;
    }

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> query) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath(path).withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .build()).build(), null);
    }

    @Test
    void reports_whenAnswering200_conformToTheirOpenApiResponseSchemas() {
        Map<String, String> november = Map.of("from", "2026-11-01", "to", "2026-11-30");
        for (String report : List.of("funnel", "velocity", "journeys")) {
            APIGatewayV2HTTPResponse response = get("/reports/" + report, november);

            assertThat(response.getStatusCode()).as(report).isEqualTo(200);
            assertThat(violations("/reports/" + report, "200", Json.tree(response.getBody()))).as(report).isEmpty();
        }
        JsonNode funnel = Json.tree(get("/reports/funnel", Map.of("campaign", "brand", "model", "first")).getBody());
        assertThat(violations("/reports/funnel", "200", funnel)).isEmpty();
        assertThat(funnel.path("newLeads").asInt()).isEqualTo(1);
        assertThat(funnel.path("stages").get(0).get("conversionFromPrevious").isNull()).isTrue();
        JsonNode journeys = Json.tree(get("/reports/journeys", november).getBody());
        assertThat(journeys.at("/journeys/0/steps/0/arm").asText()).isEqualTo("ab:a");
    }

    @Test
    void reports_whenAParameterIsWrong_answer400ConformingToError() {
        for (String report : List.of("funnel", "velocity", "journeys")) {
            APIGatewayV2HTTPResponse response = get("/reports/" + report, Map.of("from", "2026-11-31"));

            assertThat(response.getStatusCode()).as(report).isEqualTo(400);
            assertThat(violations("/reports/" + report, "400", Json.tree(response.getBody()))).as(report).isEmpty();
        }
    }

    @Test
    void cost_whenAnswering_conformsToItsDocumentedShapeAndDividesByTheFunnel() {
        APIGatewayV2HTTPResponse response = get("/reports/cost", Map.of("from", "2026-11-01", "to", "2026-11-30"));
        APIGatewayV2HTTPResponse bad = get("/reports/cost", Map.of("from", "2026-11-31"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode cost = Json.tree(response.getBody());
        assertThat(violations("/reports/cost", "200", cost)).isEmpty();
        assertThat(cost.path("leads").asLong()).as("the one new lead of the fixture").isEqualTo(1);
        assertThat(cost.path("mqls").asLong()).as("its move to MQL").isEqualTo(1);
        assertThat(cost.path("perLead").asDouble()).isEqualTo(cost.path("total").path("usd").asDouble()).isPositive();
        assertThat(cost.at("/campaigns/0/campaign").asText()).isEqualTo("brand");
        assertThat(cost.at("/campaigns/0/leads").asLong()).isEqualTo(1);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(violations("/reports/cost", "400", Json.tree(bad.getBody()))).isEmpty();
    }

    @Test
    void costSchema_whenGivenTheAgreedExample_acceptsItAndRejectsAMissingField() {
        JsonNode example = Json.tree("""
                {"from":"2026-11-01","to":"2026-11-23","currency":"USD","pricesAsOf":"2026-11-01",
                 "total":{"usd":0.0123,"requests":{"dynamodb":120,"sqs":40},"billedMs":5300},
                 "leads":10,"mqls":2,"perLead":0.00123,"perMql":0.00615,
                 "campaigns":[{"campaign":"spring","usd":0.004,"leads":4,"mqls":1,"perLead":0.001,"perMql":0.004}]}""");
        ObjectNode noLeads = (ObjectNode) example.deepCopy();
        noLeads.put("leads", 0).putNull("perLead");
        ObjectNode broken = (ObjectNode) example.deepCopy();
        broken.remove("pricesAsOf");

        assertThat(violations("/reports/cost", "200", example)).isEmpty();
        assertThat(violations("/reports/cost", "200", noLeads)).isEmpty();
        assertThat(violations("/reports/cost", "200", broken)).isNotEmpty();
    }

    @Test
    void openApi_documentsExactlyTheFourReportEndpoints() {
        List<String> paths = new ArrayList<>();
        OPENAPI.path("paths").fieldNames().forEachRemaining(paths::add);

        assertThat(OPENAPI.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(paths).containsExactlyInAnyOrder("/reports/funnel", "/reports/velocity", "/reports/journeys",
                "/reports/cost");
    }

    /** Violations of the response schema of {@code GET path} with {@code status}, resolved within the document. */
    static List<String> violations(String path, String status, JsonNode body) {
        JsonNode schema = OPENAPI.at("/paths/" + path.replace("/", "~1") + "/get/responses/" + status
                + "/content/application~1json/schema");
        assertThat(schema.isMissingNode()).as("schema of %s %s", path, status).isFalse();
        ObjectNode standalone = Json.mapper().createObjectNode();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("$defs", Json.tree(Json.write(OPENAPI.path("components").path("schemas"))
                .replace("#/components/schemas/", "#/$defs/")));
        standalone.put("$ref", schema.path("$ref").asText().replace("#/components/schemas/", "#/$defs/"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(standalone)
                .validate(body).stream().map(Error::toString).toList();
    }

    private static JsonNode openApi() {
        try (InputStream in = ReportsOpenApiIT.class.getClassLoader().getResourceAsStream("openapi/reports.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
