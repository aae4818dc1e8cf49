package dev.lem.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time in state over a day range: for each state left in the range, the number of samples, the exact mean, and
 * the median and p90 read from the merged {@link TimeHistogram}s (within ±{@value #PRECISION_PERCENT} %).
 */
public record VelocityReport(String from, String to, double precisionPercent, List<StateVelocity> states) {

    public static final double PRECISION_PERCENT = 9.1;

    public record StateVelocity(String state, long samples, double meanSeconds, double medianSeconds, double p90Seconds) {}

    public static VelocityReport of(List<ReportCounters.VelocityRow> rows, ReportFilter filter) {
        Map<String, TimeHistogram> histograms = new TreeMap<>();
        Map<String, Double> sums = new TreeMap<>();
        for (ReportCounters.VelocityRow row : rows) {
            if (!filter.covers(row.day())) {
                continue;
            }
            histograms.merge(row.state(), row.histogram(), TimeHistogram::plus);
            sums.merge(row.state(), row.sumSeconds(), Double::sum);
        }
        List<StateVelocity> states = new ArrayList<>();
        histograms.forEach((state, histogram) -> {
            long n = histogram.count();
            if (n > 0) {
                states.add(new StateVelocity(state, n, round(sums.get(state) / n), round(histogram.quantileSeconds(0.5)),
                        round(histogram.quantileSeconds(0.9))));
            }
        });
        return new VelocityReport(filter.from().toString(), filter.to().toString(), PRECISION_PERCENT, states);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
