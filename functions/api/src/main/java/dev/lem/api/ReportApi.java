package dev.lem.api;

import dev.lem.journey.Journey;
import dev.lem.report.FunnelReport;
import dev.lem.report.JourneyArms;
import dev.lem.report.JourneyReport;
import dev.lem.report.ReportCounters;
import dev.lem.report.ReportFilter;
import dev.lem.report.VelocityReport;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The report reads: {@code GET /reports/funnel}, {@code /reports/velocity}, {@code /reports/journeys} from the report
 * counters, {@code /reports/cost} through its {@link ReportEndpoint}, and {@code /reports/dashboard}, the page that
 * charts them. Parameters are checked by {@link ReportParameters}: any mistake is a 400 that names it.
 */
public final class ReportApi {

    public static final String PREFIX = "/reports";
    static final Set<String> FUNNEL_PARAMETERS = Set.of("from", "to", "campaign", "source", "form", "model");
    static final Set<String> RANGE_PARAMETERS = Set.of("from", "to");

    private final ReportCounters counters;
    private final Supplier<List<Journey>> journeys;
    private final ReportEndpoint cost;
    private final Clock clock;

    public ReportApi(ReportCounters counters, Supplier<List<Journey>> journeys, ReportEndpoint cost, Clock clock) {
        this.counters = counters;
        this.journeys = journeys;
        this.cost = cost;
        this.clock = clock;
    }

    public static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    public ApiResponse handle(ApiRequest request, String path) {
        if (!request.method().equals("GET")) {
            return ApiResponse.error(405, "only GET is allowed here");
        }
        try {
            return switch (path) {
                case PREFIX + "/funnel" -> funnel(ReportParameters.parse(request.query(), FUNNEL_PARAMETERS, clock));
                case PREFIX + "/velocity" -> velocity(ReportParameters.parse(request.query(), RANGE_PARAMETERS, clock));
                case PREFIX + "/journeys" -> journeys(ReportParameters.parse(request.query(), RANGE_PARAMETERS, clock));
                case PREFIX + "/cost" -> cost.handle(request.query());
                case PREFIX + "/dashboard" -> ApiResponse.text(Dashboard.page(), "text/html; charset=utf-8");
                default -> ApiResponse.error(404, "no such report; reports: funnel, velocity, journeys, cost, dashboard");
            };
        } catch (ReportParameters.InvalidParameterException e) {
            return ApiResponse.error(400, e.getMessage());
        }
    }

    private ApiResponse funnel(ReportFilter filter) {
        return ApiResponse.ok(FunnelReport.of(counters.funnel(filter.from(), filter.to()), filter));
    }

    private ApiResponse velocity(ReportFilter filter) {
        return ApiResponse.ok(VelocityReport.of(counters.velocity(filter.from(), filter.to()), filter));
    }

    private ApiResponse journeys(ReportFilter filter) {
        return ApiResponse.ok(JourneyReport.of(counters.journeys(filter.from(), filter.to()), filter,
                JourneyArms.of(journeys.get())));
    }

}
