package dev.lem.infra;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Consumes the SES feedback topic (bounces, complaints, deliveries, opens, clicks of the configuration set): a queue
 * subscribed with raw message delivery, its dead-letter queue after {@value #MAX_RECEIVES} receives, and the
 * {@code FeedbackHandler} of the notifications jar reading it in batches with partial batch responses. The function may
 * read and write table items, put events on the bus and read the identity key (recipient hashes).
 */
public final class SesFeedbackConsumer extends Construct {

    public static final String ID = "SesFeedback";
    public static final String HANDLER = "dev.lem.notify.lambda.FeedbackHandler::handleRequest";
    static final int TIMEOUT_SECONDS = 30;
    static final int MAX_RECEIVES = 5;

    private final Queue queue;
    private final Queue deadLetterQueue;
    private final Function function;

    public SesFeedbackConsumer(Construct scope, String id, LemFunctions.Resources r, Topic feedback) {
        super(scope, id);
        this.deadLetterQueue = WorkQueues.failureQueue(this, "Dlq");
        this.queue = Queue.Builder.create(this, "Queue")
                .visibilityTimeout(Duration.seconds(6L * TIMEOUT_SECONDS))
                .retentionPeriod(Duration.days(4))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(MAX_RECEIVES).build())
                .build();
        feedback.addSubscription(SqsSubscription.Builder.create(queue).rawMessageDelivery(true).build());

        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvNames.REGION, Aws.REGION);
        env.put(EnvNames.TABLE_NAME, r.table().table().getTableName());
        env.put(EnvNames.EVENT_BUS_NAME, r.bus().getEventBusName());
        env.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
        Role role = ExtraFunctions.role(this, "Feedback");
        Path jar = r.assetRoot().resolve(FunctionName.NOTIFICATIONS.jarPath());
        this.function = ExtraFunctions.function(this, "Feedback", "LEM SES feedback (bounces, complaints, opens, clicks)",
                HANDLER, 512, TIMEOUT_SECONDS, env, role, jar, r.config().logRetentionDays());
        r.table().grantItemReadWrite(role);
        r.bus().grantPutEventsTo(role);
        r.keys().grantRead(HmacKeys.Purpose.IDENTITY, role);
        Alias alias = ExtraFunctions.alias(this, "Feedback", function);
        alias.addEventSource(new SqsEventSource(queue, SqsEventSourceProps.builder().batchSize(10)
                .reportBatchItemFailures(true).build()));
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public Function function() {
        return function;
    }
}
