package dev.lem.report;

import dev.lem.cost.LeadCounts;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The divisors of cost per lead and per MQL, read from the funnel counters: new leads and entries into MQL between
 * two days, in all or in one campaign (first-touch attribution, as the funnel report's default).
 */
public final class FunnelLeadCounts implements LeadCounts {

    private final BiFunction<LocalDate, LocalDate, List<ReportCounters.FunnelRow>> funnelRows;

    public FunnelLeadCounts(ReportCounters counters) {
        this(counters::funnel);
    }

    private FunnelLeadCounts(BiFunction<LocalDate, LocalDate, List<ReportCounters.FunnelRow>> funnelRows) {
        this.funnelRows = funnelRows;
    }

    @Override
    public long leads(LocalDate from, LocalDate to, Optional<String> campaign) {
        return funnel(from, to, campaign).newLeads();
    }

    @Override
    public long mqls(LocalDate from, LocalDate to, Optional<String> campaign) {
        return funnel(from, to, campaign).stages().stream().filter(stage -> stage.stage().equals("mql"))
                .mapToLong(FunnelReport.Stage::entered).sum();
    }

    /**
     * Reads the funnel counters of a day range once and answers every count of the report from them: a cost report
     * asks for the total and for each campaign, which would otherwise read the same counter rows 2 × (1 + campaigns)
     * times.
     */
    @Override
    public LeadCounts forOneReport() {
        Map<List<LocalDate>, List<ReportCounters.FunnelRow>> read = new HashMap<>();
        return new FunnelLeadCounts((from, to) -> read.computeIfAbsent(List.of(from, to),
                range -> funnelRows.apply(from, to)));
    }

    private FunnelReport funnel(LocalDate from, LocalDate to, Optional<String> campaign) {
        return FunnelReport.of(funnelRows.apply(from, to), new ReportFilter(from, to, campaign, Optional.empty(),
                Optional.empty(), AttributionModel.FIRST));
    }
}
