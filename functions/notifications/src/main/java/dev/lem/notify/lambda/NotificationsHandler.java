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
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.notify.Mailer;
import dev.lem.notify.NotificationService;
import dev.lem.notify.NotificationsConfig;
import dev.lem.notify.SendGate;
import dev.lem.notify.aws.SesMailer;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
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
        return wire(config, new SesMailer(AwsClients.sesV2(config.aws()), config.mailFrom(), config.sesConfigurationSet()));
    }

    /** Real stores and bus with the given mailer ({@code lem up} passes its outbox). */
    public static NotificationService wire(NotificationsConfig config, Mailer mailer) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        return new NotificationService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbIdempotencyStore(dynamo, config.tableName()), new SendGate(), mailer,
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()),
                new TrackingLinks(new LinkSigner(config.trackingKey()), config.publicBaseUrl()), Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.process("notifications", event, service::handle);
    }
}
