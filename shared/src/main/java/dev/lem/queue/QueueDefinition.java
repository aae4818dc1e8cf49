package dev.lem.queue;

import java.time.Duration;
import java.util.List;

/**
 * An SQS work queue and its dead-letter queue, free of AWS types. Infra, the test engines and
 * {@code lem up} create queues only from {@link #ALL}.
 *
 * @param name              logical name; the deployed name gets a stack prefix
 * @param visibilityTimeout at least six times the consumer's timeout (AWS guidance for Lambda)
 * @param maxReceiveCount   deliveries before a message moves to the DLQ
 * @param retention         how long an unprocessed message is kept
 * @param batchSize         records per Lambda invocation
 */
public record QueueDefinition(String name, Duration visibilityTimeout, int maxReceiveCount, Duration retention,
                              int batchSize) {

    /** Activity recorded by tracking (opens, clicks, page views), consumed by scoring. */
    public static final QueueDefinition ACTIVITY =
            new QueueDefinition("activity", Duration.ofSeconds(180), 5, Duration.ofDays(4), 25);
    /** Messages to send (email, SMS, webhook), consumed by notifications through the send gate. */
    public static final QueueDefinition NOTIFY =
            new QueueDefinition("notify", Duration.ofSeconds(180), 5, Duration.ofDays(4), 10);

    /**
     * Slices of a campaign trigger's audience (up to 100 lead ids, or a segment page), consumed by the router; two
     * per invocation keep a batch well inside the router's timeout.
     */
    public static final QueueDefinition AUDIENCE =
            new QueueDefinition("audience", Duration.ofSeconds(180), 5, Duration.ofDays(4), 2);

    /** Bus events the reports count (the {@code reported-events-to-reporting} rule's target), consumed by reporting. */
    public static final QueueDefinition REPORTING =
            new QueueDefinition("reporting", Duration.ofSeconds(180), 5, Duration.ofDays(4), 25);

    public static final List<QueueDefinition> ALL = List.of(ACTIVITY, NOTIFY, AUDIENCE, REPORTING);

    /** DLQs keep messages 14 days, the SQS maximum, so an operator has time to redrive them. */
    public static final Duration DLQ_RETENTION = Duration.ofDays(14);

    public String deadLetterName() {
        return name + "-dlq";
    }
}
