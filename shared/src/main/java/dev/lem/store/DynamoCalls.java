package dev.lem.store;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * Translates DynamoDB failures at the adapter edge (DESIGN §9.6): throttling, 5xx and network faults
 * become {@link StoreUnavailableException} (retry later); conditional and validation failures pass
 * through to the adapter that knows what they mean.
 */
final class DynamoCalls {
    private DynamoCalls() {}

    static <T> T run(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
            throw new StoreUnavailableException(operation + " throttled", e);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw new StoreUnavailableException(operation + " failed on the DynamoDB side (" + e.statusCode() + ")", e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(operation + " could not reach DynamoDB", e);
        }
    }
}
