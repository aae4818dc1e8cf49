package dev.lem.reporting.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.aws.AwsClients;
import dev.lem.config.Env;
import dev.lem.lambda.SqsBatches;
import dev.lem.reporting.ReportingConfig;
import dev.lem.reporting.ReportingService;
import dev.lem.store.DynamoDbReportCounters;
import java.time.Clock;

/** Reporting queue batch (bus events) → report counters; failed records go back to SQS (partial batch response). */
public final class ReportingHandler extends MeteredRequestHandler<SQSEvent, SQSBatchResponse> {

    private final ReportingService service;

    public ReportingHandler() {
        this(wire(ReportingConfig.fromEnv(Env.system())));
    }

    public ReportingHandler(ReportingService service) {
        this.service = service;
    }

    public static ReportingService wire(ReportingConfig config) {
        return new ReportingService(new DynamoDbReportCounters(AwsClients.dynamoDb(config.aws()), config.tableName(),
                Clock.systemUTC()));
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent event, Context context) {
        return SqsBatches.process("reporting", event, service::handle);
    }
}
