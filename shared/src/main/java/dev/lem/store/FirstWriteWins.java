package dev.lem.store;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A transaction whose first item is a conditional put that marks the write as done (a report tally's marker, a
 * training row) and whose other items count it (counters, a day's tally): it applies once per marker, however often
 * a message is delivered. Cancelled on the first item's condition → {@code false} (done already: nothing changed).
 * Cancelled by a {@code TransactionConflict} — concurrent writers counting on the same item — → tried again after a
 * {@link ConflictBackoff} pause, up to {@value #ATTEMPTS} times, then {@link StoreUnavailableException}; throttled, or
 * a later item's condition failed (it checks what the caller read: a new read must come first) →
 * {@link StoreUnavailableException}; any other cancellation is rethrown (a bug, not a retry).
 */
final class FirstWriteWins {

    static final int ATTEMPTS = 5;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded");

    private FirstWriteWins() {}

    /** @return whether this call applied the transaction ({@code false}: its marker was written before) */
    static boolean transact(DynamoDbClient dynamo, String operation, List<TransactWriteItem> items) {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(items).build();
        for (int attempt = 1; ; attempt++) {
            try {
                DynamoCalls.run(operation, () -> dynamo.transactWriteItems(request));
                return true;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(reasons.getFirst().code())) {
                    return false;
                }
                if (reasons.stream().anyMatch(r -> THROTTLED.contains(r.code()))) {
                    throw new StoreUnavailableException(operation + " throttled", e);
                }
                if (reasons.stream().anyMatch(r -> CONDITIONAL_CHECK_FAILED.equals(r.code()))) {
                    // a later item's condition on what the caller read: only a fresh read can retry it
                    throw new StoreUnavailableException(operation + " raced a concurrent write; retry", e);
                }
                if (reasons.stream().noneMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new StoreUnavailableException(operation + " kept conflicting with concurrent writes; retry", e);
                }
                ConflictBackoff.pause(attempt, operation);
            }
        }
    }
}
