package dev.lem.local.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.bus.EventBus;
import dev.lem.idempotency.IdempotencyStore;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.LeadStore;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.schedule.LocalStepScheduler;
import dev.lem.messaging.FrequencyCaps;
import dev.lem.messaging.SuppressionList;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.GatePolicy;
import dev.lem.notify.HeldMessages;
import dev.lem.lead.LeadErasure;
import dev.lem.notify.Mailer;
import dev.lem.notify.NotificationService;
import dev.lem.notify.Outbound;
import dev.lem.notify.QuietHours;
import dev.lem.notify.Recipients;
import dev.lem.notify.SendGate;
import dev.lem.queue.MessageQueue;
import dev.lem.local.outbox.ChannelOutbox;
import dev.lem.notify.SmsComposer;
import dev.lem.notify.WebhookComposer;
import dev.lem.notify.WebhookTargets;
import java.net.InetAddress;
import java.util.Map;
import dev.lem.config.FunctionName;
import dev.lem.local.admin.AdminToken;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.LambdaEndpoint;
import dev.lem.local.gateway.Routes;
import dev.lem.notify.ErasureService;
import dev.lem.notify.PreferenceService;
import dev.lem.notify.lambda.ErasureHandler;
import dev.lem.notify.lambda.PreferencesHandler;
import dev.lem.schedule.StepScheduler;
import java.util.List;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Notifications under {@code lem up}: the real service with the outbox as its mailer, and a second local scheduler
 * ({@code .lem/notify-schedules.json}) that puts held messages back on the notify queue, as EventBridge Scheduler's
 * SQS target does in AWS. Locally there are no quiet hours (a demo at night would otherwise wait until 08:00); the
 * frequency caps are the deployed defaults.
 */
public final class LocalNotifications {

    /** The gate's policy under {@code lem up}. */
    public static final GatePolicy POLICY = new GatePolicy(GatePolicy.DEFAULT.perDay(), GatePolicy.DEFAULT.perWeek(),
            QuietHours.NONE, ZoneId.of("UTC"));

    /** The footer address of the demo's emails. */
    public static final String DEMO_POSTAL_ADDRESS = "LEM demo, 1 Sample Street, Dublin, Ireland";

    /** What {@link #create} built: the service and the scheduler of held messages (start it; close it). */
    public record Wired(NotificationService service, LocalStepScheduler heldMessages, ChannelOutbox channels) {}

    /** The webhooks {@code lem up} knows: their calls land in the outbox, nothing is posted. */
    public static final Map<String, URI> DEMO_WEBHOOKS = Map.of("crm", URI.create("https://crm.example.com/hooks/lem"));

    /** Stores the service uses. */
    public record Stores(LeadStore leads, IdempotencyStore idempotency, SuppressionList suppressions, FrequencyCaps caps,
                         LeadErasure erasure) {}

    private LocalNotifications() {}

    public static Wired create(Stores stores, byte[] trackingKey, byte[] identityKey, URI baseUrl,
                               Optional<String> postalAddress, Mailer mailer, EventBus bus, MessageQueue notifyQueue,
                               Path stateDir, DeadLetters deadLetters, Clock clock) {
        LocalStepScheduler held = LocalStepScheduler.open(stateDir.resolve("notify-schedules.json"),
                new QueueTarget(notifyQueue), deadLetters, clock);
        LinkSigner signer = new LinkSigner(trackingKey);
        UnsubscribeLinks unsubscribe = new UnsubscribeLinks(signer, baseUrl);
        ChannelOutbox channels = new ChannelOutbox(clock);
        // the outbox posts nothing, so the demo targets need no DNS check: the resolver vouches for them
        WebhookTargets targets = new WebhookTargets(DEMO_WEBHOOKS, host -> List.of(InetAddress.getByAddress(new byte[] {8, 8, 8, 8})));
        NotificationService service = new NotificationService(stores.leads(), stores.idempotency(),
                new SendGate(new Recipients(new IdentityHasher(identityKey)), stores.suppressions(), stores.caps(), POLICY),
                new Outbound(new EmailComposer(new TrackingLinks(signer, baseUrl), unsubscribe, postalAddress), mailer,
                        Optional.of(new Outbound.Sms(new SmsComposer(unsubscribe), channels)),
                        Optional.of(new Outbound.Webhooks(new WebhookComposer(targets), channels)), clock),
                new HeldMessages(held, stores.erasure()::rememberTimer), bus, clock);
        return new Wired(service, held, channels);
    }

    /**
     * The compliance routes, as deployed: {@code GET|POST /u/{token}} (preferences, one-click unsubscribe) and
     * {@code DELETE /leads/{id}} (erasure; IAM-authorised in AWS, the admin bearer token here). Erasure cancels timers
     * on every local scheduler ({@code timers}: drip steps and held messages).
     */
    public static void addRoutes(Routes.Builder routes, Stores stores, byte[] trackingKey, byte[] identityKey, URI baseUrl,
                                 AdminToken token, List<StepScheduler> timers, EventBus bus, Clock clock) {
        Recipients recipients = new Recipients(new IdentityHasher(identityKey));
        PreferencesHandler preferences = new PreferencesHandler(new PreferenceService(stores.leads(), stores.suppressions(),
                recipients, new UnsubscribeLinks(new LinkSigner(trackingKey), baseUrl), bus, clock));
        ErasureHandler erasure = new ErasureHandler(new ErasureService(stores.erasure(), stores.suppressions(), recipients,
                new CancelEverywhere(timers), clock));
        LambdaEndpoint prefs = new LambdaEndpoint(FunctionName.NOTIFICATIONS, preferences, clock);
        LambdaEndpoint erase = new LambdaEndpoint(FunctionName.NOTIFICATIONS, erasure, clock);
        routes.get("/u/{token}", prefs).post("/u/{token}", prefs)
                .add("DELETE", "/leads/{id}", request -> token.authorizes(request.header("authorization"))
                        ? erase.handle(request)
                        : GatewayReply.error(401, "admin token required: Authorization: Bearer <adminToken from .lem/local.json>")
                                .withHeader("WWW-Authenticate", "Bearer realm=\"lem up admin\""));
    }

    /** Cancels a timer on every scheduler (a name exists on at most one); erasure never schedules. */
    static final class CancelEverywhere implements StepScheduler {
        private final List<StepScheduler> schedulers;

        CancelEverywhere(List<StepScheduler> schedulers) {
            this.schedulers = List.copyOf(schedulers);
        }

        @Override
        public void scheduleOnce(String name, java.time.Instant at, String payloadJson) {
            throw new UnsupportedOperationException("erasure only cancels timers");
        }

        @Override
        public void cancel(String name) {
            schedulers.forEach(s -> s.cancel(name));
        }
    }

    /** A schedule's target that sends its payload to a queue (EventBridge Scheduler's SQS target). */
    static final class QueueTarget implements RequestStreamHandler {
        private final MessageQueue queue;

        QueueTarget(MessageQueue queue) {
            this.queue = queue;
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            queue.send(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
