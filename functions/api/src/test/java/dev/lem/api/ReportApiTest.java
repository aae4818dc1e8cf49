package dev.lem.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.events.EventTouch;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.report.FunnelReport;
import dev.lem.report.ReportTallies;
import dev.lem.testing.fakes.InMemoryReportCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReportApiTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";

    private final InMemoryReportCounters counters = new InMemoryReportCounters();
    private final ApiRoutes api = new ApiRoutes(null, new ReportApi(counters, List::of, ReportEndpoint.notImplemented("cost"),
            Clock.fixed(NOW, ZoneOffset.UTC)));

    private ApiResponse get(String path, Map<String, String> query) {
        return api.handle(new ApiRequest("GET", path, query));
    }

    private static String error(ApiResponse response) {
        return String.valueOf(((Map<?, ?>) response.body()).get("error"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=2026-13-01|from is not a calendar date: 2026-13-01",
            "from=23.11.2026|from must be a date yyyy-MM-dd",
            "to=2026-11-2|to must be a date yyyy-MM-dd",
            "from=2026-11-20,to=2026-11-19|from (2026-11-20) is after to (2026-11-19)",
            "from=2025-11-22,to=2026-11-23|the range from 2025-11-22 to 2026-11-23 spans 367 days; at most 366",
            "colour=red|unknown parameter 'colour'; allowed: campaign, form, from, model, source, to",
            "model=linear|model must be first or last",
            "campaign=|campaign must be 1 to 128 printable characters"})
    void funnel_whenAParameterIsWrong_answers400NamingIt(String pairs, String message) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            String[] kv = pair.split("=", -1);
            query.put(kv[0], kv[1]);
        }

        ApiResponse response = get("/reports/funnel", query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).isEqualTo(message);
    }

    @Test
    void velocityAndJourneys_whenGivenAFunnelFilter_answer400() {
        ApiResponse velocity = get("/reports/velocity", Map.of("campaign", "brand"));
        ApiResponse journeys = get("/reports/journeys", Map.of("form", "demo"));

        assertThat(velocity.status()).isEqualTo(400);
        assertThat(error(velocity)).isEqualTo("unknown parameter 'campaign'; allowed: from, to");
        assertThat(journeys.status()).isEqualTo(400);
    }

    @Test
    void funnel_whenA366DayRange_isAccepted() {
        assertThat(get("/reports/funnel", Map.of("from", "2025-11-23", "to", "2026-11-23")).status()).isEqualTo(200);
    }

    @Test
    void funnel_withoutDates_coversTheLast30DaysUpToToday() {
        ReportTallies.of(new LeadCaptured("c-old", NOW.minus(Duration.ofDays(30)), LEAD, "demo", true, "lead", true))
                .ifPresent(counters::record);
        ReportTallies.of(new LeadCaptured("c-new", NOW.minus(Duration.ofDays(29)), LEAD, "demo", true, "lead", true))
                .ifPresent(counters::record);
        ReportTallies.of(new LeadStateChanged("s-1", NOW, LEAD, "lead", "mql", "", false, NOW.minus(Duration.ofDays(29)),
                new EventTouch("brand", "google", "demo"), null)).ifPresent(counters::record);

        ApiResponse response = get("/reports/funnel", Map.of());

        FunnelReport report = (FunnelReport) response.body();
        assertThat(report.from()).isEqualTo("2026-10-25");
        assertThat(report.to()).isEqualTo("2026-11-23");
        assertThat(report.newLeads()).isEqualTo(1);
        assertThat(report.stages().get(2).entered()).isEqualTo(1);
    }

    @Test
    void cost_untilACostModelIsWired_answers501WithAJsonError() {
        ApiResponse response = get("/reports/cost", Map.of("from", "2026-11-01"));

        assertThat(response.status()).isEqualTo(501);
        assertThat(error(response)).contains("cost");
    }

    @Test
    void reports_whenUnknownReportOrMethod_answer404Or405() {
        assertThat(get("/reports/pipeline", Map.of()).status()).isEqualTo(404);
        assertThat(api.handle(new ApiRequest("POST", "/reports/funnel", Map.of())).status()).isEqualTo(405);
    }

    @Test
    void dashboard_whenRequested_isTheSelfContainedHtmlPage() {
        ApiResponse response = get("/reports/dashboard", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(String.valueOf(response.body())).contains("id=\"funnel-chart\"").contains("id=\"cost-status\"")
                .doesNotContain("<script src=", "<link ", "https://", "innerHTML");
    }
}
