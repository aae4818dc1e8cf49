package dev.lem.local.faults;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.local.LocalLambdaContext;
import dev.lem.config.FunctionName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real handlers, invoked as Lambda would, with a share of the invocations failing: before the handler ran (an
 * init or timeout error: nothing done) or after it did its work (the runtime died before answering: the work is done
 * but the trigger is retried anyway). SQS batches that succeeded may also report one record failed.
 */
final class FlakyHandlers {

    /** An invocation the fault injection killed. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String function, Faults.Strike strike) {
            super("fault injection: " + function + " failed " + strike);
        }
    }

    private final Faults faults;

    FlakyHandlers(Faults faults) {
        this.faults = faults;
    }

    /** An SQS-triggered function: the batch response, or a thrown failure (every record is retried). */
    SQSBatchResponse sqs(FunctionName function, RequestHandler<SQSEvent, SQSBatchResponse> handler, SQSEvent event) {
        Faults.Strike strike = faults.invocation(function.name());
        if (strike == Faults.Strike.BEFORE_WORK) {
            throw new InjectedFailure(function.name(), strike);
        }
        SQSBatchResponse response = handler.handleRequest(event, LocalLambdaContext.invoke(function));
        if (strike == Faults.Strike.AFTER_WORK) {
            throw new InjectedFailure(function.name(), strike);
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(
                response.getBatchItemFailures() == null ? List.of() : response.getBatchItemFailures());
        if (failures.isEmpty()) {
            Optional<Integer> pick = faults.partialFailure(function.name(), event.getRecords().size());
            pick.ifPresent(i -> failures.add(SQSBatchResponse.BatchItemFailure.builder()
                    .withItemIdentifier(event.getRecords().get(i).getMessageId()).build()));
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** A function invoked with a JSON payload (EventBridge rule target, Scheduler target). */
    void stream(FunctionName function, RequestStreamHandler handler, String payload) throws IOException {
        Faults.Strike strike = faults.invocation(function.name());
        if (strike == Faults.Strike.BEFORE_WORK) {
            throw new InjectedFailure(function.name(), strike);
        }
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                OutputStream.nullOutputStream(), LocalLambdaContext.invoke(function));
        if (strike == Faults.Strike.AFTER_WORK) {
            throw new InjectedFailure(function.name(), strike);
        }
    }

    /** An HTTP API function: its response, or a thrown failure (the client sees a 5xx either way). */
    <I, O> O http(FunctionName function, RequestHandler<I, O> handler, I request) {
        Faults.Strike strike = faults.invocation(function.name());
        if (strike == Faults.Strike.BEFORE_WORK) {
            throw new InjectedFailure(function.name(), strike);
        }
        O response = handler.handleRequest(request, LocalLambdaContext.invoke(function));
        if (strike == Faults.Strike.AFTER_WORK) {
            throw new InjectedFailure(function.name(), strike);
        }
        return response;
    }
}
