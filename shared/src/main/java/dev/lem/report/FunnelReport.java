package dev.lem.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel over a day range: how many leads entered each stage (transitions into it, counted on the day of the
 * change), the conversion rate from the previous stage (entered / entered the stage before; a flow over the period,
 * not a cohort), every transition, SLA breaches, and the same stages per campaign. Counts are credited under the
 * filter's attribution model; filters select campaign, source and form of that touch.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FunnelReport(String from, String to, String model, Filters filters, long newLeads, List<Stage> stages,
                           List<Transition> transitions, List<SlaBreaches> slaBreaches, List<CampaignStages> campaigns) {

    /** The funnel's stages in order. */
    public static final List<String> STAGES = List.of("subscriber", "lead", "mql", "sql", "customer");

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Filters(String campaign, String source, String form) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Stage(String stage, long entered, Double conversionFromPrevious) {}

    public record Transition(String from, String to, long count) {}

    public record SlaBreaches(String state, long count) {}

    public record CampaignStages(String campaign, long newLeads, List<Stage> stages) {}

    public static FunnelReport of(List<ReportCounters.FunnelRow> rows, ReportFilter filter) {
        Map<String, Long> transitions = new TreeMap<>();
        Map<String, Long> breaches = new TreeMap<>();
        Map<String, Map<String, Long>> perCampaign = new TreeMap<>();
        for (ReportCounters.FunnelRow row : rows) {
            FunnelCount key = row.key();
            if (!filter.matches(key)) {
                continue;
            }
            if (key.metric().startsWith(FunnelCount.SLA_PREFIX)) {
                breaches.merge(key.metric().substring(FunnelCount.SLA_PREFIX.length()), row.count(), Long::sum);
            } else if (key.metric().contains(FunnelCount.TRANSITION)) {
                transitions.merge(key.metric(), row.count(), Long::sum);
                perCampaign.computeIfAbsent(key.campaign(), c -> new TreeMap<>()).merge(key.metric(), row.count(), Long::sum);
            }
        }
        List<Transition> transitionList = new ArrayList<>();
        transitions.forEach((metric, count) -> {
            int at = metric.indexOf(FunnelCount.TRANSITION);
            transitionList.add(new Transition(metric.substring(0, at), metric.substring(at + 1), count));
        });
        List<SlaBreaches> breachList = breaches.entrySet().stream()
                .map(e -> new SlaBreaches(e.getKey(), e.getValue())).toList();
        List<CampaignStages> campaigns = perCampaign.entrySet().stream()
                .map(e -> new CampaignStages(e.getKey(), newLeads(e.getValue()), stages(e.getValue()))).toList();
        return new FunnelReport(filter.from().toString(), filter.to().toString(), filter.model().wireName(),
                new Filters(filter.campaign().orElse(null), filter.source().orElse(null), filter.form().orElse(null)),
                newLeads(transitions), stages(transitions), transitionList, breachList, campaigns);
    }

    private static long newLeads(Map<String, Long> transitions) {
        return transitions.entrySet().stream().filter(e -> e.getKey().startsWith("anonymous" + FunnelCount.TRANSITION))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static List<Stage> stages(Map<String, Long> transitions) {
        List<Stage> stages = new ArrayList<>();
        Long previous = null;
        for (String stage : STAGES) {
            long entered = transitions.entrySet().stream()
                    .filter(e -> e.getKey().endsWith(FunnelCount.TRANSITION + stage))
                    .mapToLong(Map.Entry::getValue).sum();
            stages.add(new Stage(stage, entered, previous == null ? null : Rates.of(entered, previous)));
            previous = entered;
        }
        return stages;
    }
}
