package dev.lem.local.faults;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.bus.EventBus;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.capture.lambda.FormCaptureHandler;
import dev.lem.config.FunctionName;
import dev.lem.drip.DripService;
import dev.lem.drip.lambda.DripHandler;
import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.local.gateway.ApiGatewayEvents;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.notify.EmailComposer;
import dev.lem.notify.GatePolicy;
import dev.lem.notify.HeldMessages;
import dev.lem.notify.NotificationService;
import dev.lem.notify.Outbound;
import dev.lem.notify.Recipients;
import dev.lem.notify.SendGate;
import dev.lem.notify.aws.SesMailer;
import dev.lem.notify.lambda.NotificationsHandler;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner.QueueUrls;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.RoutingService;
import dev.lem.routing.lambda.RouterHandler;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.WireCapture;
import dev.lem.testing.fakes.SettableClock;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import dev.lem.visitor.VisitorTimeline;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A fault-injection run over the IT harness: DynamoDB Local and ElasticMQ in this JVM, SES v2 and EventBridge
 * Scheduler on the wire (WireMock, through the real SDK clients and adapters). The real handlers — form capture,
 * tracking, scoring, router, drip, notifications — are driven end to end by a scripted workload: N form submissions
 * (a client retries a 5xx), pixel hits, scoring (every third lead is a hot one whose clicks take it to MQL, so its
 * SLA timer is set and fires), the welcome journey (welcome email now, drip email two days later, its timer fired by
 * the simulated scheduler), while
 * <ul>
 *   <li>10 % of handler invocations fail (before or after their work), and some SQS batches report a record failed;</li>
 *   <li>every SQS message is delivered twice (the copy later, shuffled), every bus event and timer firing too;</li>
 *   <li>a share of SES SendEmail and Scheduler calls is answered with throttling (429/400, the services' error shapes);</li>
 *   <li>every Nth event publish crashes after the DynamoDB write.</li>
 * </ul>
 * Runs to quiescence, fires every timer due within the horizon, redrives the DLQs as an operator would, then
 * reconciles the stores, the bus and the captured wire traffic ({@link FaultReport}).
 */
public final class FaultRun {

    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    static final String PIXEL_HITS_ANSWERED = "pixel hits answered 200";
    private static final String BASE_URL = "https://lem.example.com";
    private static final String ROLE = "arn:aws:iam::000000000000:role/lem-scheduler";
    private static final String TIMER_DLQ = "arn:aws:sqs:eu-west-1:000000000000:lem-scheduler-dlq";
    private static final String DRIP_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip:live";
    private static final String ACTIVITY_ARN = "arn:aws:sqs:eu-west-1:000000000000:lem-activity";
    private static final String NOTIFY_ARN = "arn:aws:sqs:eu-west-1:000000000000:lem-notify";
    /** Lambda's asynchronous invocation: the first attempt and two retries, then the function's DLQ. */
    private static final int ASYNC_ATTEMPTS = 3;
    /** The timers' RetryPolicy: 10 retries after the first attempt, then the scheduler DLQ. */
    private static final int TIMER_ATTEMPTS = 11;
    /** A client (browser fetch, the embed snippet) tries a submission this many times while it gets a 5xx. */
    private static final int CLIENT_ATTEMPTS = 8;
    private static final int HOT_EVERY = 3;
    private static final int HOT_CLICKS = 5;

    private final FaultPlan plan;
    private final PrintStream progress;
    private final FaultCounts counts = new FaultCounts();
    private final Faults faults;
    private final FlakyHandlers flaky;
    private final SettableClock clock = new SettableClock(START);
    private final SimulatedBus bus = new SimulatedBus(clock);
    private final List<SimulatedBus.Delivery> busDeadLetters = new ArrayList<>();
    private final List<SimulatedScheduler.Timer> timerDeadLetters = new ArrayList<>();

    private FaultRun(FaultPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
        this.faults = new Faults(plan, counts);
        this.flaky = new FlakyHandlers(faults);
    }

    /** Runs the plan and reconciles; {@code progress} gets a line per phase. */
    public static FaultReport run(FaultPlan plan, PrintStream progress) {
        return new FaultRun(plan, progress).run();
    }

    private FaultReport run() {
        try (AwsEngines engines = AwsEngines.start(); WireCapture wire = WireCapture.start();
             SchedulerClient schedulerClient = AwsClients.scheduler(wire.awsConfig());
             SesV2Client ses = AwsClients.sesV2(wire.awsConfig())) {
            wire.injectFaults(faults::throttle);
            return new Wired(engines, wire, schedulerClient, ses).drive();
        }
    }

    /** The suite wired on the engines, and the workload. */
    private final class Wired {
        private final AwsEngines engines;
        private final WireCapture wire;
        private final String table;
        private final Map<QueueDefinition, QueueUrls> queues;
        private final SqsMessageQueue activityQueue;
        private final SqsMessageQueue notifyQueue;
        private final DynamoDbLeadStore leads;
        private final IdentityHasher identity;
        private final TrackingLinks links;
        private final FormDefinition form;
        private final FormTokens tokens;
        private final FormCaptureHandler capture;
        private final TrackingHandler tracking;
        private final RouterHandler router;
        private final DripHandler drip;
        private final JourneyRuntime journeys;
        private final DoubleDelivery scoringSource;
        private final DoubleDelivery notifySource;
        private final SimulatedScheduler scheduler;
        private final Random workload;
        private int requests;

        Wired(AwsEngines engines, WireCapture wire, SchedulerClient schedulerClient, SesV2Client ses) {
            this.engines = engines;
            this.wire = wire;
            this.workload = new Random(plan.seed() ^ 0x5DEECE66DL);
            var dynamo = engines.dynamoDb();
            SqsClient sqs = engines.sqs();
            this.table = engines.createTable();
            this.queues = engines.createQueues("faults-");
            this.activityQueue = new SqsMessageQueue(sqs, queues.get(QueueDefinition.ACTIVITY).url());
            this.notifyQueue = new SqsMessageQueue(sqs, queues.get(QueueDefinition.NOTIFY).url());
            this.leads = new DynamoDbLeadStore(dynamo, table);
            this.scheduler = new SimulatedScheduler(wire);
            EventBus publisher = new CrashingBus(bus, faults);
            byte[] identityKey = key(1);
            byte[] trackingKey = key(2);
            byte[] formTokenKey = key(3);
            this.identity = new IdentityHasher(identityKey);
            LinkSigner signer = new LinkSigner(trackingKey);
            this.links = new TrackingLinks(signer, URI.create(BASE_URL));

            var forms = new DynamoDbFormStore(dynamo, table);
            FormDefinition demo = FormDefinition.demo(BASE_URL + "/thanks", List.of(BASE_URL));
            List<FieldDefinition> fields = new ArrayList<>(demo.fields());
            fields.add(FieldDefinition.of("jobTitle", "Job title", FieldType.TEXT, false));
            fields.add(FieldDefinition.of("country", "Country", FieldType.TEXT, false));
            this.form = new FormDefinition(demo.id(), demo.name(), fields, demo.consentTextVersion(), demo.thankYouUrl(),
                    demo.allowedOrigins(), false, demo.version(), demo.requireToken(), demo.maxSubmissionsPerMinutePerIp(),
                    demo.minFillSeconds());
            forms.save(form);
            this.tokens = new FormTokens(formTokenKey, new SecureRandom());
            this.capture = new FormCaptureHandler(new FormCaptureService(forms, leads, identity, publisher, activityQueue,
                    new SpamDefence(tokens, new DynamoDbSpamDefenceStore(dynamo, table), identity, Optional.empty()),
                    new DynamoDbCaptureIdempotencyStore(dynamo, table)), clock);
            this.tracking = new TrackingHandler(new TrackingService(signer, activityQueue), clock);

            this.journeys = JourneyRuntime.create(dynamo, table, notifyQueue, activityQueue,
                    new EventBridgeStepScheduler(schedulerClient, "lem-timers", DRIP_ARN, ROLE, Optional.of(TIMER_DLQ)), clock);
            this.router = new RouterHandler(new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                    journeys.runner(), clock));
            this.drip = new DripHandler(new DripService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                    journeys.runner(), clock));

            var scoring = new ScoringHandler(new ScoringService(leads, new DynamoDbLeadStandingStore(dynamo, table), publisher,
                    new EventBridgeStepScheduler(schedulerClient, "lem-timers", ACTIVITY_ARN, ROLE, Optional.of(TIMER_DLQ)),
                    ScoreModels.defaults(), SlaPolicy.DEFAULT, clock, new VisitorTimeline(new DynamoDbVisitorStore(dynamo, table))));
            UnsubscribeLinks unsubscribe = new UnsubscribeLinks(signer, URI.create(BASE_URL));
            var notifications = new NotificationsHandler(new NotificationService(leads, new DynamoDbIdempotencyStore(dynamo, table),
                    new SendGate(new Recipients(identity), new DynamoDbSuppressionList(dynamo, table),
                            new DynamoDbFrequencyCaps(dynamo, table), GatePolicy.DEFAULT),
                    new Outbound(new EmailComposer(links, unsubscribe, Optional.of("LEM, 1 Sample Street, Dublin, Ireland")),
                            new SesMailer(ses, "hello@lem.example.com", Optional.empty()), Optional.empty(), Optional.empty(), clock),
                    new HeldMessages(new EventBridgeStepScheduler(schedulerClient, "lem-held", NOTIFY_ARN, ROLE, Optional.of(TIMER_DLQ)),
                            new DynamoDbLeadErasure(dynamo, table)::rememberTimer),
                    publisher, clock));
            this.scoringSource = new DoubleDelivery(sqs, queues.get(QueueDefinition.ACTIVITY).url(), FunctionName.SCORING,
                    scoring, flaky, faults);
            this.notifySource = new DoubleDelivery(sqs, queues.get(QueueDefinition.NOTIFY).url(), FunctionName.NOTIFICATIONS,
                    notifications, flaky, faults);
        }

        private byte[] key(int n) {
            byte[] key = new byte[32];
            new Random(plan.seed() * 31 + n).nextBytes(key);
            return key;
        }

        FaultReport drive() {
            progress.printf(Locale.ROOT, "faults: seed %d, %d leads: capturing through form-capture…%n", plan.seed(), plan.leads());
            List<FaultReport.Submission> accepted = new ArrayList<>();
            for (int i = 0; i < plan.leads(); i++) {
                submit(i).ifPresent(accepted::add);
                clock.advance(Duration.ofSeconds(1));
                pollOnce();
            }
            progress.println("faults: pixel hits through tracking…");
            for (FaultReport.Submission lead : accepted) {
                for (int hit = 0; hit < plan.pixelHitsPerLead(); hit++) {
                    pixel(lead.leadId());
                }
                if (lead.hot()) {
                    for (int click = 0; click < HOT_CLICKS; click++) {
                        click(lead.leadId());
                    }
                }
            }
            progress.println("faults: draining queues and the bus…");
            drain();
            progress.println("faults: firing timers through the horizon…");
            Instant horizon = START.plus(plan.horizon());
            for (Optional<Instant> due = scheduler.nextDue(); due.isPresent() && !due.get().isAfter(horizon);
                 due = scheduler.nextDue()) {
                clock.advanceTo(due.get());
                for (SimulatedScheduler.Timer timer : scheduler.takeDue(clock.instant())) {
                    fire(timer);
                    fire(timer); // Scheduler is at-least-once: the same firing again
                }
                drain();
            }
            progress.println("faults: redriving dead letters…");
            redrive();
            progress.println("faults: reconciling…");
            return new Reconciliation(wire, leads, identity, journeys.enrolments(), bus.published(), scheduler, counts, plan)
                    .report(accepted, clock.instant());
        }

        /** One lead's submission, retried by the client while it gets a 5xx; the accepted lead, if any. */
        private Optional<FaultReport.Submission> submit(int i) {
            String email = "lead-" + i + "@faults.example.com";
            // every third lead is a hot one: a senior title in a target country (30 fit points) who then clicks the
            // welcome email five times (50): over the MQL threshold, so its SLA timer is set and fires two days later
            boolean hot = i % HOT_EVERY == 0;
            String body = "{\"email\":\"" + email + "\",\"name\":\"Lead " + i + "\",\"company\":\"Example\",\"consent_email\":true"
                    + (hot ? ",\"jobTitle\":\"Director of Marketing\",\"country\":\"DE\"" : "") + "}";
            String token = tokens.issue(form.id(), clock.instant().minusSeconds(30));
            String ip = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
            for (int attempt = 1; attempt <= CLIENT_ATTEMPTS; attempt++) {
                GatewayRequest request = new GatewayRequest("POST", "/f/" + form.id(), "",
                        Map.of("content-type", "application/json", "origin", BASE_URL, "x-lem-token", token),
                        body.getBytes(StandardCharsets.UTF_8), ip, "POST /f/{formId}", Map.of("formId", form.id()));
                APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, requestId(), clock.instant());
                int status;
                String responseBody = "";
                try {
                    APIGatewayV2HTTPResponse response = flaky.http(FunctionName.FORM_CAPTURE, capture, event);
                    status = response.getStatusCode();
                    responseBody = response.getBody();
                } catch (FlakyHandlers.InjectedFailure e) {
                    status = 502; // API Gateway's answer when the function fails
                }
                if (status == 201) {
                    String leadId = Json.tree(responseBody).get("leadId").asText();
                    return Optional.of(new FaultReport.Submission(email, new LeadId(leadId), hot));
                }
                if (status < 500 && status != 409) {
                    counts.add("submissions refused (" + status + ")");
                    return Optional.empty();
                }
                counts.add("client retries (form-capture " + status + ")");
                pollOnce(); // time passes between tries: the pipeline moves on
            }
            counts.add("submissions given up by the client");
            return Optional.empty();
        }

        private void pixel(LeadId lead) {
            String url = links.openPixelUrl(lead, "welcome.1." + lead.value());
            String query = url.substring(url.indexOf('?') + 1);
            GatewayRequest request = new GatewayRequest("GET", "/t/o.gif", query,
                    Map.of("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"),
                    new byte[0], "192.0.2.10", "GET /t/o.gif", Map.of());
            try {
                APIGatewayV2HTTPResponse response = flaky.http(FunctionName.TRACKING, tracking,
                        ApiGatewayEvents.toEvent(request, requestId(), clock.instant()));
                counts.add(response.getStatusCode() == 200 ? PIXEL_HITS_ANSWERED : "pixel hits refused");
            } catch (FlakyHandlers.InjectedFailure e) {
                counts.add("pixel hits lost to a failed invocation (not retried by mail clients)");
            }
        }

        private void click(LeadId lead) {
            String url = links.clickUrl(lead, "welcome.1." + lead.value(), BASE_URL + "/pricing");
            String query = url.substring(url.indexOf('?') + 1);
            GatewayRequest request = new GatewayRequest("GET", "/t/c", query,
                    Map.of("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"),
                    new byte[0], "192.0.2.10", "GET /t/c", Map.of());
            try {
                APIGatewayV2HTTPResponse response = flaky.http(FunctionName.TRACKING, tracking,
                        ApiGatewayEvents.toEvent(request, requestId(), clock.instant()));
                counts.add(response.getStatusCode() == 302 ? "clicks redirected (302)" : "clicks refused");
            } catch (FlakyHandlers.InjectedFailure e) {
                counts.add("clicks lost to a failed invocation (the browser shows an error)");
            }
        }

        private String requestId() {
            return "req" + Long.toHexString(plan.seed() & 0xffff) + "-" + (++requests);
        }

        /** One round: the bus, then one poll of each queue. */
        private int pollOnce() {
            int work = 0;
            for (SimulatedBus.Delivery delivery = bus.next(); delivery != null; delivery = bus.next()) {
                deliver(delivery);
                work++;
            }
            work += scoringSource.poll();
            work += notifySource.poll();
            return work;
        }

        private void drain() {
            int idle = 0;
            while (idle < 2) {
                idle = pollOnce() == 0 && bus.isEmpty() ? idle + 1 : 0;
            }
        }

        /** EventBridge → router, invoked asynchronously: two retries, then the function's DLQ. */
        private void deliver(SimulatedBus.Delivery delivery) {
            try {
                flaky.stream(FunctionName.ROUTER, router, delivery.envelope());
                if (!delivery.copy()) {
                    bus.duplicate(delivery);
                    counts.add("duplicate deliveries (ROUTER)");
                }
            } catch (Exception e) {
                if (delivery.attempt() < ASYNC_ATTEMPTS) {
                    counts.add("retries (ROUTER, async invoke)");
                    bus.retry(delivery);
                } else {
                    counts.add("dead-lettered (ROUTER)");
                    busDeadLetters.add(delivery);
                }
            }
        }

        /** One firing of a schedule: drip invoked (retried by the schedule's RetryPolicy), or a message sent to its queue. */
        private void fire(SimulatedScheduler.Timer timer) {
            switch (timer.targetArn()) {
                case DRIP_ARN -> {
                    for (int attempt = 1; attempt <= TIMER_ATTEMPTS; attempt++) {
                        try {
                            flaky.stream(FunctionName.DRIP, drip, timer.input());
                            counts.add("timer firings (drip)");
                            return;
                        } catch (Exception e) {
                            counts.add("retries (DRIP, scheduler retry policy)");
                        }
                    }
                    counts.add("dead-lettered (DRIP timers)");
                    timerDeadLetters.add(timer);
                }
                case ACTIVITY_ARN -> {
                    activityQueue.send(timer.input());
                    counts.add("timer firings (scoring, to the activity queue)");
                }
                case NOTIFY_ARN -> {
                    notifyQueue.send(timer.input());
                    counts.add("timer firings (held messages, to the notify queue)");
                }
                default -> throw new IllegalStateException("schedule with an unknown target " + timer.targetArn());
            }
        }

        /** What an operator does after an incident: every DLQ's messages back to their source, then run to quiescence. */
        private void redrive() {
            SqsClient sqs = engines.sqs();
            for (QueueDefinition definition : List.of(QueueDefinition.ACTIVITY, QueueDefinition.NOTIFY)) {
                QueueUrls urls = queues.get(definition);
                for (List<Message> batch = receive(sqs, urls.deadLetterUrl()); !batch.isEmpty(); batch = receive(sqs, urls.deadLetterUrl())) {
                    for (Message message : batch) {
                        counts.add("dead-lettered then redriven (" + definition.name() + " DLQ)");
                        sqs.sendMessage(r -> r.queueUrl(urls.url()).messageBody(message.body()));
                        sqs.deleteMessage(r -> r.queueUrl(urls.deadLetterUrl()).receiptHandle(message.receiptHandle()));
                    }
                }
            }
            List<SimulatedBus.Delivery> busLetters = List.copyOf(busDeadLetters);
            busDeadLetters.clear();
            busLetters.forEach(d -> {
                counts.add("dead-lettered then redriven (ROUTER DLQ)");
                deliver(new SimulatedBus.Delivery(d.envelope(), d.eventId(), 1, true));
            });
            List<SimulatedScheduler.Timer> timerLetters = List.copyOf(timerDeadLetters);
            timerDeadLetters.clear();
            timerLetters.forEach(t -> {
                counts.add("dead-lettered then redriven (scheduler DLQ)");
                fire(t);
            });
            drain();
            counts.add("left in a DLQ after the redrive", busDeadLetters.size() + timerDeadLetters.size()
                    + depth(sqs, queues.get(QueueDefinition.ACTIVITY).deadLetterUrl())
                    + depth(sqs, queues.get(QueueDefinition.NOTIFY).deadLetterUrl()));
        }

        private static List<Message> receive(SqsClient sqs, String url) {
            return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
        }

        private static int depth(SqsClient sqs, String url) {
            return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }
}
