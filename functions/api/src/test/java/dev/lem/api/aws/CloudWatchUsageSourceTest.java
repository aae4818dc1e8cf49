package dev.lem.api.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.cost.MeteredFunctions;
import dev.lem.cost.Usage;
import dev.lem.store.StoreUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

class CloudWatchUsageSourceTest {

    private final List<GetMetricDataRequest> requests = new ArrayList<>();

    /** Answers every query with {@code answer}, over two pages to exercise the NextToken loop. */
    private CloudWatchClient cloudWatch(java.util.function.Function<MetricDataQuery, List<MetricDataResult>> answer) {
        return new CloudWatchClient() {
            @Override
            public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
                requests.add(request);
                List<MetricDataResult> results = new ArrayList<>();
                request.metricDataQueries().forEach(q -> results.addAll(answer.apply(q)));
                if (request.nextToken() == null) {
                    return GetMetricDataResponse.builder().metricDataResults(results.subList(0, results.size() / 2))
                            .nextToken("page-2").build();
                }
                return GetMetricDataResponse.builder().metricDataResults(results.subList(results.size() / 2, results.size())).build();
            }

            @Override
            public String serviceName() {
                return "cloudwatch";
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void total_whenEveryFunctionRecordedUsage_sumsTheDailySumsOfEveryFunction() {
        CloudWatchUsageSource source = new CloudWatchUsageSource(cloudWatch(q -> {
            String metric = q.metricStat().metric().metricName();
            double perDay = switch (metric) {
                case "Invocations" -> 2;
                case "BilledMs" -> 30;
                case "BilledMbMs" -> 30 * 512;
                case "dynamodb.read" -> 5;
                default -> 0;
            };
            return List.of(MetricDataResult.builder().id(q.id()).values(perDay, perDay).build()); // two days
        }));

        Usage usage = source.total(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));

        int functions = MeteredFunctions.ALL.size();
        assertThat(usage.invocations()).isEqualTo(2L * 2 * functions);
        assertThat(usage.billedMs()).isEqualTo(30L * 2 * functions);
        assertThat(usage.billedMbMs()).isEqualTo(30L * 512 * 2 * functions);
        assertThat(usage.meters()).containsOnly(Map.entry("dynamodb.read", 5L * 2 * functions));
        GetMetricDataRequest first = requests.get(0);
        assertThat(first.startTime()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(first.endTime()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(first.metricDataQueries()).allSatisfy(q -> {
            assertThat(q.metricStat().period()).isEqualTo(86_400);
            assertThat(q.metricStat().stat()).isEqualTo("Sum");
            assertThat(q.metricStat().metric().namespace()).isEqualTo("LEM");
            assertThat(q.metricStat().metric().dimensions()).singleElement()
                    .satisfies(d -> assertThat(d.name()).isEqualTo("function"));
        });
        assertThat(first.metricDataQueries()).hasSizeLessThanOrEqualTo(500);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).nextToken()).isEqualTo("page-2");
    }

    @Test
    void byCampaign_whenSearchFindsSeriesPerFunction_sumsThemPerCampaignLabel() {
        CloudWatchUsageSource source = new CloudWatchUsageSource(cloudWatch(q -> {
            assertThat(q.expression()).startsWith("SEARCH('{LEM,campaign,function} MetricName=\"");
            assertThat(q.label()).isEqualTo("${PROP('Dim.campaign')}");
            if (!q.expression().contains("\"Invocations\"")) {
                return List.of();
            }
            return List.of(MetricDataResult.builder().id(q.id()).label("spring").values(3.0).build(),  // drip
                    MetricDataResult.builder().id(q.id()).label("spring").values(4.0).build(),         // notifications
                    MetricDataResult.builder().id(q.id()).label("autumn").values(1.0).build());
        }));

        Map<String, Usage> usage = source.byCampaign(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"));

        assertThat(usage).containsOnlyKeys("spring", "autumn");
        assertThat(usage.get("spring").invocations()).isEqualTo(7);
        assertThat(usage.get("autumn").invocations()).isEqualTo(1);
    }

    @Test
    void total_whenCloudWatchFails_isStoreUnavailable() {
        CloudWatchUsageSource source = new CloudWatchUsageSource(cloudWatch(q -> {
            throw CloudWatchException.builder().message("throttled").statusCode(400).build();
        }));

        assertThatThrownBy(() -> source.total(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01")))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
