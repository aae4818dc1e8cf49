package dev.lem.cost;

import java.util.Locale;
import java.util.Set;

/**
 * Which price an AWS request is billed at: the meter it counts on. One meter per price line of the
 * {@link PriceTable} (DynamoDB reads and writes apart, SES emails, SNS SMS, ...), so the set of meter names
 * — and with it the number of CloudWatch metrics — stays small and fixed. Control-plane calls that AWS
 * does not bill per request count on {@code <service>.other}.
 */
public final class RequestMeters {

    public static final String DYNAMODB_READ = "dynamodb.read";
    public static final String DYNAMODB_WRITE = "dynamodb.write";
    public static final String DYNAMODB_OTHER = "dynamodb.other";
    public static final String SQS = "sqs";
    public static final String EVENTBRIDGE = "eventbridge";
    public static final String SCHEDULER = "scheduler";
    public static final String SCHEDULER_OTHER = "scheduler.other";
    public static final String SES_EMAIL = "ses.email";
    public static final String SES_OTHER = "ses.other";
    public static final String SNS_SMS = "sns.sms";
    public static final String SNS_PUBLISH = "sns.publish";
    public static final String APIGATEWAY = "apigateway";
    public static final String OTHER = "other";

    /** Every meter name, in a stable order (EMF metric names, GetMetricData queries). */
    public static final java.util.List<String> ALL = java.util.List.of(DYNAMODB_READ, DYNAMODB_WRITE, DYNAMODB_OTHER, SQS,
            EVENTBRIDGE, SCHEDULER, SCHEDULER_OTHER, SES_EMAIL, SES_OTHER, SNS_SMS, SNS_PUBLISH, APIGATEWAY, OTHER);

    private static final Set<String> DYNAMODB_READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
    private static final Set<String> DYNAMODB_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    private RequestMeters() {}

    /**
     * The meter of one request.
     *
     * @param service   the SDK's service name ({@code DynamoDb}, {@code Sqs}, {@code EventBridge}, ...)
     * @param operation the operation ({@code PutItem}, {@code SendMessage}, ...)
     * @param toPhone   an SNS {@code Publish} straight to a phone number (an SMS)
     */
    public static String meterOf(String service, String operation, boolean toPhone) {
        return switch (service.toLowerCase(Locale.ROOT)) {
            case "dynamodb" -> DYNAMODB_READS.contains(operation) ? DYNAMODB_READ
                    : DYNAMODB_WRITES.contains(operation) ? DYNAMODB_WRITE : DYNAMODB_OTHER;
            case "sqs" -> SQS;
            case "eventbridge" -> operation.equals("PutEvents") ? EVENTBRIDGE : OTHER;
            // Scheduler bills the invocations of schedules, not API calls: a one-shot at() schedule fires once
            case "scheduler" -> operation.equals("CreateSchedule") ? SCHEDULER : SCHEDULER_OTHER;
            case "sesv2", "ses" -> operation.equals("SendEmail") ? SES_EMAIL : SES_OTHER;
            // not an SDK call: one per invocation that an HTTP API request triggered
            case "apigateway" -> APIGATEWAY;
            case "sns" -> operation.equals("Publish") ? (toPhone ? SNS_SMS : SNS_PUBLISH) : OTHER;
            default -> OTHER;
        };
    }

    /** The service a meter belongs to ({@code dynamodb.read} → {@code dynamodb}), as /reports/cost groups requests. */
    public static String serviceOf(String meter) {
        int dot = meter.indexOf('.');
        return dot < 0 ? meter : meter.substring(0, dot);
    }
}
