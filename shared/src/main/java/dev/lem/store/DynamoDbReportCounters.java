package dev.lem.store;

import dev.lem.report.AttributionModel;
import dev.lem.report.FunnelCount;
import dev.lem.report.JourneyCount;
import dev.lem.report.JourneyMetric;
import dev.lem.report.ReportCounters;
import dev.lem.report.ReportTally;
import dev.lem.report.TimeHistogram;
import dev.lem.report.VelocitySample;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Report counters in the single table under {@code REPORT#} partitions, one per kind and month
 * ({@link Keys#funnelMonth}, {@link Keys#journeyMonth}, {@link Keys#velocityMonth}); sort keys start with the day,
 * so a day range is one query per month. A tally is one transaction: a conditional put of its marker
 * ({@code attribute_not_exists}) and an {@code ADD} per counter — a redelivered event fails the condition and adds
 * nothing; a once-per-message count ({@link ReportTally#earliestWins()}) arriving with an earlier day moves to that
 * day, so every order of delivery gives the same counts per day. Dimension values are URL-encoded in sort keys (a {@code #} in a campaign cannot forge another key) and
 * kept plain in attributes. Markers expire after {@link #MARKER_TTL} (longer than any redelivery and than the
 * longest report range, so unique opens stay unique within a report).
 */
public final class DynamoDbReportCounters implements ReportCounters {

    public static final Duration MARKER_TTL = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbReportCounters(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean record(ReportTally tally) {
        if (tally.isEmpty()) {
            return false;
        }
        Map<String, AttributeValue> marker = new HashMap<>(markerKey(tally));
        marker.put(TableDefinition.TTL, Items.n(clock.instant().plus(MARKER_TTL).getEpochSecond()));
        marker.put("day", Items.s(tally.day().toString()));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        items.addAll(counts(tally.funnel(), tally.journeys(), 1));
        tally.velocity().forEach(sample -> items.add(velocityUpdate(sample)));
        if (FirstWriteWins.transact(dynamo, "record report tally", items)) {
            return true;
        }
        return tally.earliestWins() && moveToEarlierDay(tally);
    }

    /**
     * A once-per-message count already made on a later day moves to this tally's earlier day: the marker's day is
     * replaced (conditional on the day read) and the counts leave the old day for the new one in one transaction.
     */
    private boolean moveToEarlierDay(ReportTally tally) {
        Map<String, AttributeValue> marker = DynamoCalls.run("get report marker", () -> dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(markerKey(tally)).consistentRead(true).build())).item();
        if (marker.isEmpty() || marker.get("day") == null) {
            throw new StoreUnavailableException("report marker " + tally.markerKey() + " vanished; retry", null);
        }
        LocalDate counted = LocalDate.parse(marker.get("day").s());
        if (!tally.day().isBefore(counted)) {
            return false;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(markerKey(tally))
                .updateExpression("SET #day = :new").conditionExpression("#day = :old")
                .expressionAttributeNames(Map.of("#day", "day"))
                .expressionAttributeValues(Map.of(":new", Items.s(tally.day().toString()),
                        ":old", Items.s(counted.toString()))).build()).build());
        items.addAll(counts(List.of(), tally.journeysOn(counted), -1));
        items.addAll(counts(List.of(), tally.journeys(), 1));
        if (!FirstWriteWins.transact(dynamo, "record report tally", items)) {
            throw new StoreUnavailableException("report marker " + tally.markerKey() + " moved concurrently; retry", null);
        }
        return true;
    }

    private static Map<String, AttributeValue> markerKey(ReportTally tally) {
        return Items.key(Keys.reportMarker(tally.markerKey()), Keys.REPORT_MARKER_SK);
    }

    private List<TransactWriteItem> counts(List<FunnelCount> funnel, List<JourneyCount> journeys, long by) {
        List<TransactWriteItem> items = new ArrayList<>();
        funnel.forEach(count -> items.add(update(funnelKey(count), Map.of(
                "day", Items.s(count.day().toString()), "model", Items.s(count.model().wireName()),
                "campaign", Items.s(count.campaign()), "source", Items.s(count.source()),
                "form", Items.s(count.form()), "metric", Items.s(count.metric())), "n", by)));
        journeys.forEach(count -> items.add(update(journeyKey(count), Map.of(
                "day", Items.s(count.day().toString()), "journey", Items.s(count.journey()),
                "step", Items.n(count.step()), "metric", Items.s(count.metric().wireName())), "n", by)));
        return items;
    }

    private TransactWriteItem update(Map<String, AttributeValue> key, Map<String, AttributeValue> labels,
                                     String counter, long by) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, AttributeValue> label : labels.entrySet()) {
            names.put("#l" + i, label.getKey());
            values.put(":l" + i, label.getValue());
            set.append(i == 0 ? "SET " : ", ").append("#l").append(i).append(" = :l").append(i);
            i++;
        }
        names.put("#c", counter);
        values.put(":by", Items.n(by));
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression(set + " ADD #c :by").expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem velocityUpdate(VelocitySample sample) {
        Map<String, AttributeValue> key = Items.key(Keys.velocityMonth(YearMonth.from(sample.day())),
                sample.day() + "#" + sample.state());
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("SET #day = :day, #state = :state ADD #b :one, #n :one, #sum :seconds")
                .expressionAttributeNames(Map.of("#day", "day", "#state", "state", "#b", "b" + sample.bucket(),
                        "#n", "n", "#sum", "sumSeconds"))
                .expressionAttributeValues(Map.of(":day", Items.s(sample.day().toString()),
                        ":state", Items.s(sample.state()), ":one", Items.n(1),
                        ":seconds", Items.n(sample.timeInState().toSeconds())))
                .build()).build();
    }

    private static Map<String, AttributeValue> funnelKey(FunnelCount count) {
        return Items.key(Keys.funnelMonth(YearMonth.from(count.day())), String.join("#", count.day().toString(),
                count.model().wireName(), enc(count.metric()), enc(count.campaign()), enc(count.source()),
                enc(count.form())));
    }

    private static Map<String, AttributeValue> journeyKey(JourneyCount count) {
        return Items.key(Keys.journeyMonth(YearMonth.from(count.day())), String.join("#", count.day().toString(),
                enc(count.journey()), Integer.toString(count.step()), count.metric().wireName()));
    }

    @Override
    public List<FunnelRow> funnel(LocalDate from, LocalDate to) {
        return query(Keys::funnelMonth, from, to, item -> new FunnelRow(new FunnelCount(
                LocalDate.parse(item.get("day").s()),
                AttributionModel.fromWireName(item.get("model").s()).orElseThrow(),
                item.get("campaign").s(), item.get("source").s(), item.get("form").s(), item.get("metric").s()),
                number(item, "n"))).stream().filter(row -> row.count() != 0).toList();
    }

    @Override
    public List<JourneyRow> journeys(LocalDate from, LocalDate to) {
        return query(Keys::journeyMonth, from, to, item -> new JourneyRow(new JourneyCount(
                LocalDate.parse(item.get("day").s()), item.get("journey").s(),
                Integer.parseInt(item.get("step").n()), JourneyMetric.fromWireName(item.get("metric").s())),
                number(item, "n"))).stream().filter(row -> row.count() != 0).toList(); // 0: a count moved to an earlier day
    }

    @Override
    public List<VelocityRow> velocity(LocalDate from, LocalDate to) {
        return query(Keys::velocityMonth, from, to, item -> {
            long[] buckets = new long[TimeHistogram.BUCKETS];
            for (int b = 0; b < TimeHistogram.BUCKETS; b++) {
                buckets[b] = number(item, "b" + b);
            }
            return new VelocityRow(LocalDate.parse(item.get("day").s()), item.get("state").s(),
                    TimeHistogram.of(buckets), number(item, "n"), number(item, "sumSeconds"));
        });
    }

    private <T> List<T> query(Function<YearMonth, String> partition, LocalDate from, LocalDate to,
                              Function<Map<String, AttributeValue>, T> row) {
        List<T> rows = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            String pk = partition.apply(month);
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse page = DynamoCalls.run("query report counters", () -> dynamo.query(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":from", Items.s(from.toString()),
                                ":to", Items.s(to + "#\uffff")))
                        .exclusiveStartKey(exclusiveStart).build()));
                page.items().forEach(item -> rows.add(row.apply(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return rows;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
