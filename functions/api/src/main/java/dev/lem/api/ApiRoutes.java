package dev.lem.api;

/** The admin API's two areas: {@code /reports/...} to {@link ReportApi}, everything else to {@link LeadApi}. */
public final class ApiRoutes {

    private final LeadApi leads;
    private final ReportApi reports;

    public ApiRoutes(LeadApi leads, ReportApi reports) {
        this.leads = leads;
        this.reports = reports;
    }

    public ApiResponse handle(ApiRequest request) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        return ReportApi.handles(path) ? reports.handle(request, path) : leads.handle(request);
    }
}
