package dev.lem.report;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A report's day range (UTC, both ends included) and optional dimension filters; an absent filter matches all.
 * Validation of raw parameters is the API's job ({@code ReportParameters}); this is the checked result.
 */
public record ReportFilter(LocalDate from, LocalDate to, Optional<String> campaign, Optional<String> source,
                           Optional<String> form, AttributionModel model) {

    public ReportFilter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
        campaign = campaign == null ? Optional.empty() : campaign;
        source = source == null ? Optional.empty() : source;
        form = form == null ? Optional.empty() : form;
        model = model == null ? AttributionModel.FIRST : model;
    }

    public static ReportFilter range(LocalDate from, LocalDate to) {
        return new ReportFilter(from, to, Optional.empty(), Optional.empty(), Optional.empty(), AttributionModel.FIRST);
    }

    public boolean matches(FunnelCount count) {
        return !count.day().isBefore(from) && !count.day().isAfter(to) && count.model() == model
                && campaign.map(count.campaign()::equals).orElse(true)
                && source.map(count.source()::equals).orElse(true)
                && form.map(count.form()::equals).orElse(true);
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
