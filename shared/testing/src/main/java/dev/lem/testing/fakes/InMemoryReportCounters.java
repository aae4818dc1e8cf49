package dev.lem.testing.fakes;

import dev.lem.report.FunnelCount;
import dev.lem.report.JourneyCount;
import dev.lem.report.ReportCounters;
import dev.lem.report.ReportTally;
import dev.lem.report.TimeHistogram;
import dev.lem.report.VelocitySample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Report counters in memory: once per marker (the earliest-day rule of the DynamoDB store is not modelled). */
public final class InMemoryReportCounters implements ReportCounters {

    private final Set<String> markers = new HashSet<>();
    private final Map<FunnelCount, Long> funnel = new LinkedHashMap<>();
    private final Map<JourneyCount, Long> journeys = new LinkedHashMap<>();
    private final List<VelocitySample> velocity = new ArrayList<>();

    @Override
    public synchronized boolean record(ReportTally tally) {
        if (tally.isEmpty() || !markers.add(tally.markerKey())) {
            return false;
        }
        tally.funnel().forEach(c -> funnel.merge(c, 1L, Long::sum));
        tally.journeys().forEach(c -> journeys.merge(c, 1L, Long::sum));
        velocity.addAll(tally.velocity());
        return true;
    }

    @Override
    public synchronized List<FunnelRow> funnel(LocalDate from, LocalDate to) {
        return funnel.entrySet().stream().filter(e -> within(e.getKey().day(), from, to))
                .map(e -> new FunnelRow(e.getKey(), e.getValue())).toList();
    }

    @Override
    public synchronized List<JourneyRow> journeys(LocalDate from, LocalDate to) {
        return journeys.entrySet().stream().filter(e -> within(e.getKey().day(), from, to))
                .map(e -> new JourneyRow(e.getKey(), e.getValue())).toList();
    }

    @Override
    public synchronized List<VelocityRow> velocity(LocalDate from, LocalDate to) {
        Map<String, VelocityRow> rows = new LinkedHashMap<>();
        for (VelocitySample sample : velocity) {
            if (!within(sample.day(), from, to)) {
                continue;
            }
            String key = sample.day() + "#" + sample.state();
            VelocityRow row = rows.getOrDefault(key, new VelocityRow(sample.day(), sample.state(), TimeHistogram.empty(), 0, 0));
            rows.put(key, new VelocityRow(row.day(), row.state(), row.histogram().with(sample.timeInState()),
                    row.count() + 1, row.sumSeconds() + sample.timeInState().toSeconds()));
        }
        return List.copyOf(rows.values());
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
