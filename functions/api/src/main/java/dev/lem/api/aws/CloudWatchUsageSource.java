package dev.lem.api.aws;

import dev.lem.cost.EmfRecords;
import dev.lem.cost.MeteredFunctions;
import dev.lem.cost.RequestMeters;
import dev.lem.cost.Usage;
import dev.lem.cost.UsageSource;
import dev.lem.store.StoreUnavailableException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Reads the usage the handlers' EMF lines recorded from CloudWatch with GetMetricData (daily sums). Totals read
 * each {@code [function]} series by name ({@link MeteredFunctions} × metric); per-campaign figures come from a
 * SEARCH over the {@code [function, campaign]} series, labelled with the campaign. CloudWatch's SEARCH only finds
 * series that received data in the last two weeks, so a campaign idle for longer drops out of the per-campaign
 * rows (the totals do not depend on SEARCH). A CloudWatch failure is a {@link StoreUnavailableException} (503).
 */
public final class CloudWatchUsageSource implements UsageSource {

    private static final int DAY_SECONDS = 86_400;
    private static final List<String> METRICS = metrics();

    private final CloudWatchClient cloudWatch;

    public CloudWatchUsageSource(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    private static List<String> metrics() {
        List<String> names = new ArrayList<>(List.of(EmfRecords.INVOCATIONS, EmfRecords.BILLED_MS, EmfRecords.BILLED_MB_MS));
        names.addAll(RequestMeters.ALL);
        return List.copyOf(names);
    }

    @Override
    public Usage total(LocalDate from, LocalDate to) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int f = 0; f < MeteredFunctions.ALL.size(); f++) {
            for (int m = 0; m < METRICS.size(); m++) {
                String function = MeteredFunctions.ALL.get(f);
                String metric = METRICS.get(m);
                queries.add(MetricDataQuery.builder().id("f" + f + "m" + m).returnData(true)
                        .metricStat(s -> s.period(DAY_SECONDS).stat("Sum").metric(x -> x.namespace(EmfRecords.NAMESPACE)
                                .metricName(metric).dimensions(d -> d.name(EmfRecords.FUNCTION).value(function))))
                        .build());
            }
        }
        Map<String, Long> sums = new HashMap<>();
        for (MetricDataResult result : query(from, to, queries)) {
            String metric = METRICS.get(Integer.parseInt(result.id().substring(result.id().indexOf('m') + 1)));
            sums.merge(metric, sum(result), Long::sum);
        }
        return usage(sums);
    }

    @Override
    public Map<String, Usage> byCampaign(LocalDate from, LocalDate to) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int m = 0; m < METRICS.size(); m++) {
            queries.add(MetricDataQuery.builder().id("c" + m).returnData(true).label("${PROP('Dim.campaign')}")
                    .expression("SEARCH('{" + EmfRecords.NAMESPACE + "," + EmfRecords.CAMPAIGN + "," + EmfRecords.FUNCTION
                            + "} MetricName=\"" + METRICS.get(m) + "\"', 'Sum', " + DAY_SECONDS + ")")
                    .build());
        }
        Map<String, Map<String, Long>> perCampaign = new TreeMap<>();
        for (MetricDataResult result : query(from, to, queries)) {
            String metric = METRICS.get(Integer.parseInt(result.id().substring(1)));
            perCampaign.computeIfAbsent(result.label(), c -> new HashMap<>()).merge(metric, sum(result), Long::sum);
        }
        Map<String, Usage> usage = new TreeMap<>();
        perCampaign.forEach((campaign, sums) -> usage.put(campaign, usage(sums)));
        return usage;
    }

    private List<MetricDataResult> query(LocalDate from, LocalDate to, List<MetricDataQuery> queries) {
        List<MetricDataResult> results = new ArrayList<>();
        String token = null;
        try {
            do {
                GetMetricDataResponse page = cloudWatch.getMetricData(GetMetricDataRequest.builder()
                        .startTime(from.atStartOfDay(ZoneOffset.UTC).toInstant())
                        .endTime(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                        .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(queries).nextToken(token).build());
                results.addAll(page.metricDataResults());
                token = page.nextToken();
            } while (token != null);
        } catch (SdkException e) {
            throw new StoreUnavailableException("CloudWatch GetMetricData failed", e);
        }
        return results;
    }

    private static long sum(MetricDataResult result) {
        return Math.round(result.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    private static Usage usage(Map<String, Long> sums) {
        Map<String, Long> meters = new TreeMap<>();
        for (String meter : RequestMeters.ALL) {
            long count = sums.getOrDefault(meter, 0L);
            if (count > 0) {
                meters.put(meter, count);
            }
        }
        return new Usage(meters, sums.getOrDefault(EmfRecords.INVOCATIONS, 0L), sums.getOrDefault(EmfRecords.BILLED_MS, 0L),
                sums.getOrDefault(EmfRecords.BILLED_MB_MS, 0L));
    }
}
