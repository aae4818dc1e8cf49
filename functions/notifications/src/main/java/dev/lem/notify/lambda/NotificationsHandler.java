package dev.lem.notify.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.config.Env;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lambda.SqsBatches;
import dev.lem.lead.IdentityHasher;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.SmsComposer;
import dev.lem.notify.SmsSender;
import dev.lem.notify.WebhookComposer;
import dev.lem.notify.WebhookSigner;
import dev.lem.notify.WebhookTargets;
import dev.lem.notify.aws.SnsSmsSender;
import dev.lem.notify.http.HttpWebhookSender;
import java.util.Optional;
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
public final class NotificationsHandler extends MeteredRequestHandler<SQSEvent, SQSBatchResponse> {

    private final NotificationService service;

    public NotificationsHandler() {
        this(wire(NotificationsConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    public NotificationsHandler(NotificationService service) {
        this.service = service;
    }

    public static NotificationService wire(NotificationsConfig config) {
        NotificationsConfig.HeldMessages held = config.heldMessages();
        Optional<Outbound.Webhooks> webhooks = config.webhookSecret().filter(s -> !config.webhooks().isEmpty())
                .map(secret -> {
                    WebhookTargets targets = new WebhookTargets(config.webhooks(), WebhookTargets.DNS);
                    return new Outbound.Webhooks(new WebhookComposer(targets), new HttpWebhookSender(
                            HttpWebhookSender.client(), targets, new WebhookSigner(secret),
                            HttpWebhookSender.Backoff.EXPONENTIAL, Clock.systemUTC()));
                });
        return wire(config, new SesMailer(AwsClients.sesV2(config.aws()), config.mailFrom(), config.sesConfigurationSet()),
                new SnsSmsSender(AwsClients.sns(config.aws()), config.smsSenderId()), webhooks,
                new EventBridgeStepScheduler(AwsClients.scheduler(config.aws()), held.scheduleGroup(),
                        held.notifyQueueArn(), held.schedulerRoleArn(), held.deadLetterArn()));
    }

    /** Real stores and bus with the given providers and timers. */
    public static NotificationService wire(NotificationsConfig config, Mailer mailer, SmsSender sms,
                                           Optional<Outbound.Webhooks> webhooks, StepScheduler retryLater) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        LinkSigner signer = new LinkSigner(config.trackingKey());
        UnsubscribeLinks unsubscribe = new UnsubscribeLinks(signer, config.publicBaseUrl());
        EmailComposer composer = new EmailComposer(new TrackingLinks(signer, config.publicBaseUrl()), unsubscribe,
                config.postalAddress());
        SendGate gate = new SendGate(new Recipients(new IdentityHasher(config.identityKey())),
                new DynamoDbSuppressionList(dynamo, config.tableName()),
                new DynamoDbFrequencyCaps(dynamo, config.tableName()), config.gatePolicy());
        return new NotificationService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbIdempotencyStore(dynamo, config.tableName()), gate,
                new Outbound(composer, mailer, Optional.of(new Outbound.Sms(new SmsComposer(unsubscribe), sms)), webhooks,
                        Clock.systemUTC()),
                new HeldMessages(retryLater, new DynamoDbLeadErasure(dynamo, config.tableName())::rememberTimer),
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()),
                Clock.systemUTC());
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent event, Context context) {
        return SqsBatches.process("notifications", event, service::handle);
    }
}
