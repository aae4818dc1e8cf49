package dev.lem.report;

import dev.lem.cost.LeadCounts;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The divisors of cost per lead and per MQL, read from the funnel counters: new leads and entries into MQL between
 * two days, in all or in one campaign (first-touch attribution, as the funnel report's default).
 */
public final class FunnelLeadCounts implements LeadCounts {

    private final ReportCounters counters;

    public FunnelLeadCounts(ReportCounters counters) {
        this.counters = counters;
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

    private FunnelReport funnel(LocalDate from, LocalDate to, Optional<String> campaign) {
        return FunnelReport.of(counters.funnel(from, to), new ReportFilter(from, to, campaign, Optional.empty(),
                Optional.empty(), AttributionModel.FIRST));
    }
}
