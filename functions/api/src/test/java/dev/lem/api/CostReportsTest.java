package dev.lem.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.cost.CostModel;
import dev.lem.cost.LeadCounts;
import dev.lem.cost.PriceTable;
import dev.lem.cost.Usage;
import dev.lem.cost.UsageSource;
import dev.lem.json.Json;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostReportsTest {

    /** Round prices so the expected figures can be checked by hand. */
    private static final PriceTable PRICES = PriceTable.parse("""
            {"asOf": "2026-11-01", "region": "us-east-1", "currency": "USD", "architecture": "arm64",
             "prices": {
               "lambda.request":   {"usd": 1, "per": 1000, "unit": "invocation", "source": "https://aws.amazon.com/lambda/pricing/"},
               "lambda.gb-second": {"usd": 0.001, "per": 1, "unit": "GB-s", "source": "https://aws.amazon.com/lambda/pricing/"},
               "dynamodb.read":    {"usd": 1, "per": 10000, "unit": "RRU", "source": "https://aws.amazon.com/dynamodb/pricing/on-demand/"},
               "sqs":              {"usd": 1, "per": 10000, "unit": "request", "source": "https://aws.amazon.com/sqs/pricing/"}
             }}""");

    // all: 10 invocations (0.01), 5 300 ms at 1 024 MB = 5.3 GB-s (0.0053), 120 reads (0.012), 40 sqs (0.004) = 0.0313
    private static final Usage ALL = new Usage(Map.of("dynamodb.read", 120L, "sqs", 40L), 10, 5_300, 5_300L * 1024);
    // spring: 4 invocations (0.004), 1 000 ms at 1 024 MB = 1 GB-s (0.001), 20 reads (0.002) = 0.007
    private static final Usage SPRING = new Usage(Map.of("dynamodb.read", 20L), 4, 1_000, 1_000L * 1024);
    // autumn: 1 invocation (0.001), nothing else
    private static final Usage AUTUMN = new Usage(Map.of(), 1, 0, 0);

    private final Map<String, LocalDate[]> asked = new HashMap<>();

    private final UsageSource usage = new UsageSource() {
        @Override
        public Usage total(LocalDate from, LocalDate to) {
            asked.put("total", new LocalDate[] {from, to});
            return ALL;
        }

        @Override
        public Map<String, Usage> byCampaign(LocalDate from, LocalDate to) {
            return Map.of("spring", SPRING, "autumn", AUTUMN);
        }
    };

    private final LeadCounts counts = new LeadCounts() {
        @Override
        public long leads(LocalDate from, LocalDate to, Optional<String> campaign) {
            return campaign.map(c -> c.equals("spring") ? 4L : 0L).orElse(10L);
        }

        @Override
        public long mqls(LocalDate from, LocalDate to, Optional<String> campaign) {
            return campaign.map(c -> c.equals("spring") ? 1L : 0L).orElse(2L);
        }
    };

    private final CostReports reports = new CostReports(usage, counts, new CostModel(PRICES),
            java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T12:00:00Z"), java.time.ZoneOffset.UTC));

    @Test
    void handle_whenAPeriod_reportsTotalPerLeadPerMqlAndEachCampaign() {
        ApiResponse response = reports.handle(get(Map.of("from", "2026-11-01", "to", "2026-11-23")));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = Json.tree(Json.write(response.body()));
        assertThat(body.toString()).isEqualTo(Json.tree("""
                {"from":"2026-11-01","to":"2026-11-23","currency":"USD","pricesAsOf":"2026-11-01",
                 "total":{"usd":0.0313,"requests":{"dynamodb":120,"sqs":40},"billedMs":5300},
                 "leads":10,"mqls":2,"perLead":0.00313,"perMql":0.01565,
                 "campaigns":[
                   {"campaign":"autumn","usd":0.001,"leads":0,"mqls":0,"perLead":null,"perMql":null},
                   {"campaign":"spring","usd":0.007,"leads":4,"mqls":1,"perLead":0.00175,"perMql":0.007}]}
                """).toString());
        assertThat(asked.get("total")).containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-23"));
    }

    @Test
    void handle_whenACampaign_reportsThatCampaignOnly() {
        JsonNode body = Json.tree(Json.write(reports.handle(get(Map.of("from", "2026-11-01", "to", "2026-11-01",
                "campaign", "spring"))).body()));

        assertThat(body.path("total").path("usd").asDouble()).isEqualTo(0.007);
        assertThat(body.path("total").path("requests").toString()).isEqualTo("{\"dynamodb\":20}");
        assertThat(body.path("leads").asLong()).isEqualTo(4);
        assertThat(body.path("perMql").asDouble()).isEqualTo(0.007);
        assertThat(body.path("campaigns")).hasSize(1);
        assertThat(body.path("campaigns").path(0).path("campaign").asText()).isEqualTo("spring");
    }

    @Test
    void handle_whenAnUnknownCampaign_isZeroWithNullRatios() {
        JsonNode body = Json.tree(Json.write(reports.handle(get(Map.of("from", "2026-11-01", "to", "2026-11-02",
                "campaign", "winter"))).body()));

        assertThat(body.path("total").path("usd").asDouble()).isZero();
        assertThat(body.path("perLead").isNull()).isTrue();
        assertThat(body.path("perMql").isNull()).isTrue();
    }

    @Test
    void handle_whenParametersAreWrong_isAPrecise400() {
        assertError(Map.of("from", "2026-02-30", "to", "2026-11-23"), 400, "from is not a calendar date: 2026-02-30");
        assertError(Map.of("from", "2026-11-01", "to", "23.11.2026"), 400, "to must be a date yyyy-MM-dd");
        assertError(Map.of("from", "+2026-11-01", "to", "2026-11-23"), 400, "from must be a date yyyy-MM-dd");
        assertError(Map.of("from", "2026-11-24", "to", "2026-11-23"), 400, "from (2026-11-24) is after to (2026-11-23)");
        assertError(Map.of("from", "2025-01-01", "to", "2026-01-02"), 400,
                "the range from 2025-01-01 to 2026-01-02 spans 367 days; at most 366");
        assertError(Map.of("from", "2026-11-01", "to", "2026-11-23", "campaign", "<script>"), 400,
                "campaign must be a campaign id: letters, digits, '.', '_' or '-', at most 64");
        assertError(Map.of("from", "2026-11-01", "to", "2026-11-23", "limit", "5"), 400,
                "unknown parameter 'limit'; allowed: campaign, from, to");
    }

    @Test
    void handle_whenDatesAreLeftOut_reportsTheLast30DaysLikeEveryReport() {
        JsonNode body = Json.tree(Json.write(reports.handle(get(Map.of())).body()));

        assertThat(body.path("from").asText()).isEqualTo("2026-10-25");
        assertThat(body.path("to").asText()).isEqualTo("2026-11-23");
    }

    @Test
    void handle_whenTheLongestPeriod_isAccepted() {
        // 2024 is a leap year: 2024-01-01 .. 2024-12-31 is 366 days
        assertThat(reports.handle(get(Map.of("from", "2024-01-01", "to", "2024-12-31"))).status()).isEqualTo(200);
    }

    @Test
    void handle_whenNotGet_is405() {
        assertThat(reports.handle(new ApiRequest("POST", CostReports.PATH, Map.of())).status()).isEqualTo(405);
    }

    private void assertError(Map<String, String> query, int status, String message) {
        ApiResponse response = reports.handle(get(query));
        assertThat(response.status()).isEqualTo(status);
        assertThat(((Map<?, ?>) response.body()).get("error")).isEqualTo(message);
    }

    private static ApiRequest get(Map<String, String> query) {
        return new ApiRequest("GET", CostReports.PATH, query);
    }

    @Test
    void handle_readsTheFunnelCountersOncePerReport_notPerCampaignAndCount() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        dev.lem.testing.fakes.InMemoryReportCounters stored = new dev.lem.testing.fakes.InMemoryReportCounters();
        dev.lem.report.ReportCounters counted = new dev.lem.report.ReportCounters() {
            @Override
            public boolean record(dev.lem.report.ReportTally tally) {
                return stored.record(tally);
            }

            @Override
            public java.util.List<FunnelRow> funnel(LocalDate from, LocalDate to) {
                reads.incrementAndGet();
                return stored.funnel(from, to);
            }

            @Override
            public java.util.List<JourneyRow> journeys(LocalDate from, LocalDate to) {
                return stored.journeys(from, to);
            }

            @Override
            public java.util.List<VelocityRow> velocity(LocalDate from, LocalDate to) {
                return stored.velocity(from, to);
            }
        };
        CostReports funnelBacked = new CostReports(usage, new dev.lem.report.FunnelLeadCounts(counted),
                new CostModel(PRICES), java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T12:00:00Z"),
                java.time.ZoneOffset.UTC));

        assertThat(funnelBacked.handle(get(Map.of("from", "2026-11-01", "to", "2026-11-23"))).status()).isEqualTo(200);
        assertThat(reads.get()).isEqualTo(1); // total + two campaigns, leads and MQLs each: six counts, one read

        assertThat(funnelBacked.handle(get(Map.of("from", "2026-11-01", "to", "2026-11-23"))).status()).isEqualTo(200);
        assertThat(reads.get()).isEqualTo(2); // a new report reads again: nothing is kept between requests
    }
}
