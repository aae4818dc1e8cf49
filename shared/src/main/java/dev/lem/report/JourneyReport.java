package dev.lem.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Journey messages over a day range, per journey and step (with the step's A/B arm when the journey has one):
 * messages sent, uniquely opened and uniquely clicked, and open and click rates over sent (null when none sent).
 * Each count is on the day it happened, so an open in the range of a message sent before it counts.
 */
public record JourneyReport(String from, String to, List<JourneyRow> journeys) {

    public record JourneyRow(String journey, List<StepRow> steps) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StepRow(int step, String arm, long sent, long opened, long clicked, Double openRate, Double clickRate) {}

    /** The A/B arm a journey step belongs to, or null: see {@code JourneyArms}. */
    @FunctionalInterface
    public interface Arms {
        String armOf(String journey, int step);

        Arms NONE = (journey, step) -> null;
    }

    public static JourneyReport of(List<ReportCounters.JourneyRow> rows, ReportFilter filter, Arms arms) {
        Map<String, Map<Integer, long[]>> counts = new TreeMap<>();
        for (ReportCounters.JourneyRow row : rows) {
            if (!filter.covers(row.key().day())) {
                continue;
            }
            long[] c = counts.computeIfAbsent(row.key().journey(), j -> new TreeMap<>())
                    .computeIfAbsent(row.key().step(), s -> new long[JourneyMetric.values().length]);
            c[row.key().metric().ordinal()] += row.count();
        }
        List<JourneyRow> journeys = new ArrayList<>();
        counts.forEach((journey, steps) -> {
            List<StepRow> stepRows = new ArrayList<>();
            steps.forEach((step, c) -> {
                long sent = c[JourneyMetric.SENT.ordinal()];
                long opened = c[JourneyMetric.OPENED.ordinal()];
                long clicked = c[JourneyMetric.CLICKED.ordinal()];
                stepRows.add(new StepRow(step, arms.armOf(journey, step), sent, opened, clicked, Rates.of(opened, sent),
                        Rates.of(clicked, sent)));
            });
            journeys.add(new JourneyRow(journey, stepRows));
        });
        return new JourneyReport(filter.from().toString(), filter.to().toString(), journeys);
    }
}
