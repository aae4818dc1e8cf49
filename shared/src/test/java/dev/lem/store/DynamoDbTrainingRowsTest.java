package dev.lem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.predict.TrainingRow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** How {@link DynamoDbTrainingRows#add} reads a cancelled transaction: duplicate, busy tally, throttling, or a real error. */
class DynamoDbTrainingRowsTest {

    private static final TrainingRow ROW = new TrainingRow("o-1", Instant.parse("2026-11-23T09:00:00Z"), "won",
            Map.of("activity.count", "1"));

    /** Answers each transaction with the next scripted cancellation (success when none is left); records the requests. */
    private static final class ScriptedDynamo implements DynamoDbClient {
        final Deque<List<String>> cancellations = new ArrayDeque<>();
        final List<TransactWriteItemsRequest> requests = new ArrayList<>();

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            requests.add(request);
            List<String> codes = cancellations.poll();
            if (codes == null) {
                return TransactWriteItemsResponse.builder().build();
            }
            throw (TransactionCanceledException) TransactionCanceledException.builder().message("cancelled")
                    .cancellationReasons(codes.stream().map(c -> CancellationReason.builder().code(c).build()).toList())
                    .statusCode(400).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final DynamoDbTrainingRows rows = new DynamoDbTrainingRows(dynamo, "lem");

    @Test
    void add_writesTheRowAndItsDaysTallyInOneTransaction() {
        assertThat(rows.add(ROW)).isTrue();

        var items = dynamo.requests.getFirst().transactItems();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        assertThat(items.get(0).put().item().get("pk").s()).isEqualTo("TRAINING#2026-W48");
        assertThat(items.get(1).update().key()).containsEntry("pk", Items.s("OUTCOMES#DAILY"))
                .containsEntry("sk", Items.s("DAY#2026-11-23"));
        assertThat(items.get(1).update().updateExpression()).contains("ADD #outcomes :one, #won :won");
        assertThat(items.get(1).update().expressionAttributeValues().get(":won").n()).isEqualTo("1");
    }

    @Test
    void add_whenTheRowExists_isADuplicate() {
        dynamo.cancellations.add(List.of("ConditionalCheckFailed", "None"));

        assertThat(rows.add(ROW)).isFalse();
        assertThat(dynamo.requests).hasSize(1);
    }

    @Test
    void add_whenTheTallyIsBusy_triesAgain_andGivesUpAsRetryableAfterTheLastAttempt() {
        dynamo.cancellations.add(List.of("None", "TransactionConflict"));
        assertThat(rows.add(ROW)).isTrue();
        assertThat(dynamo.requests).hasSize(2);

        for (int i = 0; i < FirstWriteWins.ATTEMPTS; i++) {
            dynamo.cancellations.add(List.of("None", "TransactionConflict"));
        }
        assertThatThrownBy(() -> rows.add(ROW)).isInstanceOf(StoreUnavailableException.class);
        assertThat(dynamo.requests).hasSize(2 + FirstWriteWins.ATTEMPTS);
    }

    @Test
    void add_whenThrottledOrInvalid_failsWithoutCallingItADuplicate() {
        dynamo.cancellations.add(List.of("None", "ThrottlingError"));
        assertThatThrownBy(() -> rows.add(ROW)).isInstanceOf(StoreUnavailableException.class);

        dynamo.cancellations.add(List.of("None", "ValidationError"));
        assertThatThrownBy(() -> rows.add(ROW)).isInstanceOf(TransactionCanceledException.class);
    }
}
