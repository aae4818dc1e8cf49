package dev.lem.store;

import dev.lem.messaging.FrequencyCaps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One transaction: put the message's reservation (unless it exists), {@code ADD count 1} to the day and the
 * week counter, each conditional on being below its limit. The items sit in the lead's partition
 * ({@code CAP#<channel>#D#<day>}, {@code …#W#<week>}, {@code …#M#<message id>}) and expire through TTL a day
 * after their period (the reservation with the week).
 */
public final class DynamoDbFrequencyCaps implements FrequencyCaps {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final Duration KEEP_AFTER_PERIOD = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbFrequencyCaps(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Result reserve(Reservation r) {
        String pk = Keys.lead(r.leadId());
        String channel = r.channel().wireName();
        Map<String, AttributeValue> reservation = new HashMap<>(Items.key(pk, Keys.frequencyReservation(channel, r.messageId())));
        reservation.put(TableDefinition.TTL, Items.n(ttl(r.weekEnds())));
        try {
            DynamoCalls.run("reserve frequency cap", () -> dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(
                            TransactWriteItem.builder().put(Put.builder().tableName(table).item(reservation)
                                    .conditionExpression("attribute_not_exists(pk)").build()).build(),
                            counter(pk, Keys.frequencyCounter(channel, "D#" + r.day()), r.perDay(), r.dayEnds()),
                            counter(pk, Keys.frequencyCounter(channel, "W#" + r.week()), r.perWeek(), r.weekEnds()))
                    .build()));
            return Result.RESERVED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return Result.ALREADY_RESERVED;
            }
            if (failed(reasons, 1)) {
                return Result.DAILY_CAP_REACHED;
            }
            if (failed(reasons, 2)) {
                return Result.WEEKLY_CAP_REACHED;
            }
            throw new StoreUnavailableException("frequency cap transaction cancelled (conflict); retry later", e);
        }
    }

    private TransactWriteItem counter(String pk, String sk, int limit, Instant periodEnds) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(pk, sk))
                .updateExpression("ADD #c :one SET #ttl = :ttl")
                .conditionExpression("attribute_not_exists(#c) OR #c < :limit")
                .expressionAttributeNames(Map.of("#c", "count", "#ttl", TableDefinition.TTL))
                .expressionAttributeValues(Map.of(":one", Items.n(1), ":limit", Items.n(limit),
                        ":ttl", Items.n(ttl(periodEnds))))
                .build()).build();
    }

    private static long ttl(Instant periodEnds) {
        return periodEnds.plus(KEEP_AFTER_PERIOD).getEpochSecond();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }
}
