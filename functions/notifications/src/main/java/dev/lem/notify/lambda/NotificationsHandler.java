package dev.lem.notify.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.config.Env;
import dev.lem.lambda.SqsBatches;
import dev.lem.lead.IdentityHasher;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.HeldMessages;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.notify.Mailer;
import dev.lem.notify.NotificationService;
import dev.lem.notify.NotificationsConfig;
import dev.lem.notify.Outbound;
import dev.lem.notify.Recipients;
import dev.lem.notify.SendGate;
import dev.lem.notify.aws.SesMailer;
import dev.lem.schedule.StepScheduler;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSuppressionList;
import java.time.Clock;

/** Notify queue batch → send gate → provider; failed records go back to SQS (partial batch response). */
public final class NotificationsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final NotificationService service;

    public NotificationsHandler() {
        this(wire(NotificationsConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    public NotificationsHandler(NotificationService service) {
        this.service = service;
    }

    public static NotificationService wire(NotificationsConfig config) {
        NotificationsConfig.HeldMessages held = config.heldMessages();
        return wire(config, new SesMailer(AwsClients.sesV2(config.aws()), config.mailFrom(), config.sesConfigurationSet()),
                new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), held.scheduleGroup(),
                        held.notifyQueueArn(), held.schedulerRoleArn(), held.deadLetterArn()));
    }

    /** Real stores and bus with the given mailer and timers ({@code lem up} passes its outbox and local scheduler). */
    public static NotificationService wire(NotificationsConfig config, Mailer mailer, StepScheduler retryLater) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        LinkSigner signer = new LinkSigner(config.trackingKey());
        EmailComposer composer = new EmailComposer(new TrackingLinks(signer, config.publicBaseUrl()),
                new UnsubscribeLinks(signer, config.publicBaseUrl()), config.postalAddress());
        SendGate gate = new SendGate(new Recipients(new IdentityHasher(config.identityKey())),
                new DynamoDbSuppressionList(dynamo, config.tableName()),
                new DynamoDbFrequencyCaps(dynamo, config.tableName()), config.gatePolicy());
        return new NotificationService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbIdempotencyStore(dynamo, config.tableName()), gate, new Outbound(composer, mailer),
                new HeldMessages(retryLater, new DynamoDbLeadErasure(dynamo, config.tableName())::rememberTimer),
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()),
                Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.process("notifications", event, service::handle);
    }
}
