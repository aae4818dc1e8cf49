package dev.lem.aws;

import dev.lem.cost.Metering;
import dev.lem.cost.UsageMeter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Counts every AWS request into the {@link Metering#current() current invocation's meter}: one request per API
 * call (per service and operation, billed units per meter: a PutEvents of 3 entries is 3 events), every attempt
 * after the first as a retry, and every throttled attempt (HTTP 429 or a throttling error type) as a throttle.
 * Attached to every client {@link AwsClients} builds; outside an invocation it counts nothing.
 */
public final class MeteringInterceptor implements ExecutionInterceptor {

    /** Error codes AWS services answer a throttled request with (the SDK retries them with back-off). */
    private static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "AWS.SimpleQueueService.RequestThrottled");

    private static final ExecutionAttribute<UsageMeter> METER = new ExecutionAttribute<>("lem.meter");
    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("lem.attempts");
    private static final ExecutionAttribute<Boolean> THROTTLED = new ExecutionAttribute<>("lem.throttled");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Optional<UsageMeter> meter = Metering.current();
        if (meter.isEmpty()) {
            return;
        }
        attributes.putAttribute(METER, meter.get());
        attributes.putAttribute(ATTEMPTS, 0);
        SdkRequest request = context.request();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean toPhone = request.getValueForField("PhoneNumber", String.class).filter(p -> !p.isBlank()).isPresent();
        int quantity = operation != null && operation.equals("PutEvents")
                ? request.getValueForField("Entries", List.class).map(List::size).orElse(1) : 1;
        meter.get().request(String.valueOf(service), String.valueOf(operation), toPhone, quantity);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        UsageMeter meter = attributes.getAttribute(METER);
        if (meter == null) {
            return;
        }
        int attempts = attributes.getAttribute(ATTEMPTS) + 1;
        attributes.putAttribute(ATTEMPTS, attempts);
        if (attempts > 1) {
            meter.retry();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        UsageMeter meter = attributes.getAttribute(METER);
        if (meter != null && isThrottled(context.httpResponse())) {
            meter.throttle();
            attributes.putAttribute(THROTTLED, true);
        }
    }

    /** A throttle the response headers did not show (query-protocol services such as SNS name it only in the body). */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        UsageMeter meter = attributes.getAttribute(METER);
        if (meter != null && context.exception() instanceof SdkServiceException e && e.isThrottlingException()
                && !Boolean.TRUE.equals(attributes.getAttribute(THROTTLED))) {
            meter.throttle();
        }
    }

    static boolean isThrottled(SdkHttpResponse response) {
        if (response.statusCode() == 429) {
            return true;
        }
        if (response.statusCode() < 400) {
            return false;
        }
        // JSON protocols name the error in a header: "ThrottlingException" or "prefix#ThrottlingException:url"
        return response.firstMatchingHeader("x-amzn-ErrorType")
                .or(() -> response.firstMatchingHeader("x-amzn-query-error"))
                .map(MeteringInterceptor::errorCode).filter(THROTTLING_CODES::contains).isPresent();
    }

    private static String errorCode(String header) {
        String code = header;
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        int semicolon = code.indexOf(';');
        if (semicolon >= 0) {
            code = code.substring(0, semicolon);
        }
        int hash = code.lastIndexOf('#');
        return code.substring(hash + 1).strip();
    }
}
