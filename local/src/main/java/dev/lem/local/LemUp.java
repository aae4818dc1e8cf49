package dev.lem.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.lambda.FormCaptureHandler;
import dev.lem.config.FunctionName;
import dev.lem.drip.DripService;
import dev.lem.drip.lambda.DripHandler;
import dev.lem.events.EventCodec;
import dev.lem.events.RuleDefinition;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.capture.activities.ActivityIngestionService;
import dev.lem.capture.lambda.ActivitiesHandler;
import dev.lem.local.admin.AdminEndpoints;
import dev.lem.local.admin.AdminPages;
import dev.lem.local.admin.LeadRecords;
import dev.lem.local.admin.StateHistory;
import dev.lem.local.cost.LocalCost;
import dev.lem.local.demo.DemoJourney;
import dev.lem.local.demo.DemoJourneys;
import dev.lem.journey.JourneyDeployer;
import dev.lem.journey.JourneyParser;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.local.demo.DemoPages;
import dev.lem.local.admin.AdminToken;
import dev.lem.local.admin.JourneyAdminEndpoints;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.bus.LocalEventBus;
import dev.lem.local.gateway.HttpGateway;
import dev.lem.local.gateway.LambdaEndpoint;
import dev.lem.local.gateway.Routes;
import dev.lem.local.outbox.EmailTemplates;
import dev.lem.local.outbox.OutboxMailer;
import dev.lem.local.outbox.OutboxPages;
import dev.lem.local.pages.LandingPages;
import dev.lem.capture.ConfirmationLinks;
import dev.lem.capture.DoubleOptIn;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.local.queue.DeadLetterQueues;
import dev.lem.local.queue.SqsPoller;
import dev.lem.local.schedule.LocalStepScheduler;
import dev.lem.local.notify.LocalNotifications;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.notify.lambda.NotificationsHandler;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.AudienceFanOut;
import dev.lem.routing.AudienceService;
import dev.lem.routing.RoutingService;
import dev.lem.local.queue.StreamHandlerConsumer;
import dev.lem.store.DynamoDbLeadSegments;
import dev.lem.routing.lambda.RouterHandler;
import dev.lem.local.schedule.TimerTargets;
import dev.lem.local.admin.LeadApiEndpoints;
import dev.lem.api.LeadApi;
import dev.lem.api.lambda.ApiHandler;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.visitor.VisitorTimeline;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lem up}: the whole LEM suite on one machine. The six real handlers run in this JVM behind a
 * local HTTP gateway, SQS pollers, a local bus (event-ruler with the shared rule patterns) and a local
 * scheduler, on ElasticMQ and DynamoDB Local; email goes to an outbox with a page to read it. Everything
 * listens on 127.0.0.1 only.
 */
public final class LemUp {

    static final String USAGE = """
            usage: lem up [--port N] [--dir PATH] [--fresh] [--drip-wait SECONDS|journey]
              --port N       gateway port on 127.0.0.1 (default 8080; 0 = any free port)
              --dir PATH     folder that holds .lem/ (data, keys, schedules, outbox, local.json); default: the working directory
              --fresh        wipe the data of earlier runs first (leads, activity, enrolments, outbox, schedules, keys)
              --drip-wait S  demo: drip timers wait at most S seconds (default 60); 'journey' keeps the journeys' own waits""";

    /** How long the demo's drip timers wait at most, unless {@code --drip-wait} says otherwise. */
    public static final Duration DEFAULT_DRIP_WAIT = Duration.ofSeconds(60);

    private LemUp() {}

    /**
     * How to start: gateway port ({@code 0}: any free one), the folder holding {@code .lem/}, where to print,
     * whether to wipe earlier data first, and the longest drip wait of the demo (empty: the journeys' own).
     */
    public record Options(int port, Path workDir, PrintStream out, boolean fresh, Optional<Duration> dripWait) {

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 0-65535");
            }
            workDir = workDir.toAbsolutePath().normalize();
            if (dripWait.isPresent() && (dripWait.get().isNegative() || dripWait.get().compareTo(Duration.ofDays(1)) > 0)) {
                throw new IllegalArgumentException("--drip-wait must be 0-86400 seconds");
            }
        }

        public static Options defaults() {
            return new Options(8080, Path.of(""), System.out, false, Optional.of(DEFAULT_DRIP_WAIT));
        }

        public Options withPort(int newPort) {
            return new Options(newPort, workDir, out, fresh, dripWait);
        }

        public Options withWorkDir(Path dir) {
            return new Options(port, dir, out, fresh, dripWait);
        }

        public Options withOut(PrintStream stream) {
            return new Options(port, workDir, stream, fresh, dripWait);
        }

        public Options withFresh(boolean wipe) {
            return new Options(port, workDir, out, wipe, dripWait);
        }

        public Options withDripWait(Optional<Duration> wait) {
            return new Options(port, workDir, out, fresh, wait);
        }

        /** {@code --port N}, {@code --dir PATH}, {@code --fresh}, {@code --drip-wait S}; anything else is refused with the reason. */
        public static Options parse(String[] args, Options base) {
            Options options = base;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--fresh")) {
                    options = options.withFresh(true);
                    continue;
                }
                if (!arg.equals("--port") && !arg.equals("--dir") && !arg.equals("--drip-wait")) {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--port" -> {
                        try {
                            options = options.withPort(Integer.parseInt(value));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port must be a number, got " + value);
                        }
                    }
                    case "--drip-wait" -> {
                        if (value.equals("journey")) {
                            options = options.withDripWait(Optional.empty());
                        } else {
                            try {
                                options = options.withDripWait(Optional.of(Duration.ofSeconds(Long.parseLong(value))));
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("--drip-wait must be a number of seconds or 'journey', got " + value);
                            }
                        }
                    }
                    default -> options = options.withWorkDir(Path.of(value));
                }
            }
            return options;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, Options.defaults());
        } catch (IllegalArgumentException e) {
            System.err.println("lem up: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        RunningLem lem;
        try {
            lem = start(options);
        } catch (BindException e) {
            System.err.println("lem up: port " + options.port() + " on 127.0.0.1 is in use; try --port 0 (any free port)");
            System.exit(1);
            return;
        } catch (IllegalStateException e) {
            System.err.println("lem up: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("lem up: could not start: " + e);
            System.exit(1);
            return;
        }
        // the JVM's own start (ProcessHandle's would be the launching shell's, which exec'd into java)
        Instant jvmStart = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        System.out.printf("Ready: serving %.1f s after the JVM started.%n",
                Duration.between(jvmStart, Instant.now()).toMillis() / 1000.0);
        lem.closeOnShutdown();
        lem.awaitClosed();
    }

    /**
     * Starts everything and returns once the gateway serves. Close the result to stop (tests must);
     * {@link #main} closes it on Ctrl-C / SIGTERM.
     *
     * @throws BindException when the gateway port is taken
     */
    public static RunningLem start(Options options) throws IOException {
        Clock clock = Clock.systemUTC();
        LocalState state = LocalState.open(options.workDir(), options.fresh());
        Path stateDir = state.dir();
        Resources resources = new Resources();
        resources.add("state lock", state);
        HttpGateway gateway;
        LocalKeys keys;
        SecureRandom random = new SecureRandom();
        try {
            keys = LocalKeys.loadOrCreate(state.keys(), random);
            gateway = HttpGateway.bind(options.port());
        } catch (IOException | RuntimeException e) {
            resources.closeAll();
            throw e;
        }
        AdminToken token = AdminToken.random(random);
        try {
            String baseUrl = "http://127.0.0.1:" + gateway.port();
            PrintStream out = options.out();
            resources.add("goodbye", () -> out.println("lem up stopped; data, keys, outbox and pending schedules stay in " + stateDir));
            LocalEngines engines = resources.add("engines", LocalEngines.start(state.dynamoDb()));

            var dynamo = engines.dynamoDb();
            var table = engines.tableName();
            var leads = new DynamoDbLeadStore(dynamo, table);
            var forms = new DynamoDbFormStore(dynamo, table);
            FormDefinition demo = FormDefinition.demo(baseUrl + "/thanks", List.of(baseUrl));
            forms.save(demo);
            JourneyParser journeyParser = JourneyParser.create();
            DemoJourneys.seed(new JourneyDeployer(journeyParser, new DynamoDbJourneyStore(dynamo, table, journeyParser)));
            var activityQueue = new SqsMessageQueue(engines.sqs(), engines.queue(QueueDefinition.ACTIVITY).url());
            var notifyQueue = new SqsMessageQueue(engines.sqs(), engines.queue(QueueDefinition.NOTIFY).url());
            DeadLetters deadLetters = new DeadLetters();

            // drip sets timers on the scheduler that fires drip: the scheduler's target is bound once drip exists
            var dripTarget = new java.util.concurrent.atomic.AtomicReference<RequestStreamHandler>();
            LocalStepScheduler scheduler = LocalStepScheduler.open(state.schedules(), new TimerTargets(
                    (input, output, context) -> dripTarget.get().handleRequest(input, output, context), activityQueue),
                    deadLetters, clock);
            DemoJourney demoJourney = new DemoJourney(baseUrl + "/demo", options.dripWait(), clock);
            JourneyRuntime journeys = JourneyRuntime.create(dynamo, table, demoJourney.linking(notifyQueue), activityQueue,
                    demoJourney.shortening(scheduler), clock);
            dripTarget.set(new DripHandler(new DripService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                    journeys.runner(), clock)));
            var audienceQueue = new SqsMessageQueue(engines.sqs(), engines.queue(QueueDefinition.AUDIENCE).url());
            var routing = new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(), journeys.runner(),
                    clock, new AudienceFanOut(audienceQueue));
            var router = new RouterHandler(new RouterHandler.Services(routing, Optional.of(new AudienceService(routing,
                    new DynamoDbLeadSegments(dynamo, table), journeys.leads(), audienceQueue,
                    new dev.lem.store.DynamoDbIdempotencyStore(dynamo, table), clock))));
            var reportingQueue = new SqsMessageQueue(engines.sqs(), engines.queue(QueueDefinition.REPORTING).url());
            LocalReporting reporting = new LocalReporting(dynamo, table, clock);
            LocalEventBus bus = resources.add("bus", new LocalEventBus(
                    java.util.stream.Stream.concat(RuleDefinition.ALL.stream(), RuleDefinition.QUEUED.stream()).toList(),
                    Map.<RuleDefinition.RuleTarget, RequestStreamHandler>of(RuleDefinition.RuleTarget.ROUTER, router,
                            RuleDefinition.RuleTarget.REPORTING, LocalReporting.queueTarget(reportingQueue)),
                    deadLetters, clock, LocalEngines.REGION, Duration.ofSeconds(1)));
            resources.add("scheduler", scheduler);
            LocalCost cost = resources.add("cost", LocalCost.open(state, reporting.leadCounts()));

            // kept in keys.json: a page opened (or a confirmation link mailed) before a restart still works after it
            byte[] formTokenKey = keys.formTokenKey();
            FormTokens formTokens = new FormTokens(formTokenKey, random);
            IdentityHasher identity = new IdentityHasher(keys.identityKey());
            var formCapture = new FormCaptureHandler(new FormCaptureService(forms, leads, identity, bus, activityQueue,
                    new SpamDefence(formTokens, new DynamoDbSpamDefenceStore(dynamo, table), identity, Optional.empty()),
                    new DynamoDbCaptureIdempotencyStore(dynamo, table),
                    Optional.of(new DoubleOptIn(new ConfirmationLinks(formTokenKey, URI.create(baseUrl)), notifyQueue))),
                    clock);
            var tracking = new TrackingHandler(new TrackingService(new LinkSigner(keys.trackingKey()), activityQueue),
                    new dev.lem.tracking.SurveyAnswers(new LinkSigner(keys.trackingKey()), activityQueue, bus),
                    java.util.Set.of(baseUrl, baseUrl.replace("127.0.0.1", "localhost")), clock);
            var scoring = new ScoringHandler(new ScoringService(leads, new DynamoDbLeadStandingStore(dynamo, table), bus,
                    scheduler, ScoreModels.defaults(), SlaPolicy.DEFAULT, clock,
                    new VisitorTimeline(new DynamoDbVisitorStore(dynamo, table)),
                    dev.lem.scoring.ScoringConfig.predictor(dev.lem.config.Env.system()).withContext(
                            new dev.lem.scoring.RecentOutcomes(new dev.lem.store.DynamoDbOutcomeTallies(dynamo, table)))));
            OutboxMailer outbox = OutboxMailer.persistent(EmailTemplates.builtIn(), clock, state.outbox());
            LocalNotifications.Stores notifyStores = new LocalNotifications.Stores(leads,
                    new DynamoDbIdempotencyStore(dynamo, table), new DynamoDbSuppressionList(dynamo, table),
                    new DynamoDbFrequencyCaps(dynamo, table), new DynamoDbLeadErasure(dynamo, table));
            LocalNotifications.Wired notify = LocalNotifications.create(notifyStores, keys.trackingKey(), keys.identityKey(),
                    URI.create(baseUrl), Optional.of(LocalNotifications.DEMO_POSTAL_ADDRESS), outbox, bus, notifyQueue,
                    stateDir, deadLetters, clock);
            resources.add("notify-scheduler", notify.heldMessages());
            var notifications = new NotificationsHandler(notify.service());

            poller(resources, engines, QueueDefinition.ACTIVITY, FunctionName.SCORING, scoring).start();
            poller(resources, engines, QueueDefinition.NOTIFY, FunctionName.NOTIFICATIONS, notifications).start();
            poller(resources, engines, QueueDefinition.AUDIENCE, FunctionName.ROUTER, new StreamHandlerConsumer(router)).start();
            poller(resources, engines, QueueDefinition.REPORTING, FunctionName.REPORTING, reporting.handler()).start();
            scheduler.start();
            notify.heldMessages().start();

            DeadLetterQueues deadLetterQueues = new DeadLetterQueues(engines.sqs(), QueueDefinition.ALL.stream()
                    .map(q -> new DeadLetterQueues.Queue(LocalEngines.QUEUE_PREFIX + q.deadLetterName(),
                            engines.queue(q).deadLetterUrl())).toList());
            Routes.Builder routes = Routes.builder()
                    .post("/f/{formId}", new LambdaEndpoint(FunctionName.FORM_CAPTURE, formCapture, clock))
                    .get("/f/{formId}/token", new LambdaEndpoint(FunctionName.FORM_CAPTURE, formCapture, clock))
                    .get("/f/{formId}/confirm", new LambdaEndpoint(FunctionName.FORM_CAPTURE, formCapture, clock))
                    .get("/t/o.gif", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .get("/t/c", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .get("/t/s", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .post("/t/s", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .post("/t/e", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .add("OPTIONS", "/t/e", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .get("/t/lem.js", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock));
            // offline and call-centre activity: deployed behind IAM, here behind the run's admin token
            var activities = new ActivitiesHandler(new ActivityIngestionService(leads, identity,
                    new DynamoDbIdempotencyStore(dynamo, table), activityQueue), clock);
            routes.post("/activities", token.guard(new LambdaEndpoint(FunctionName.ACTIVITIES, activities, clock)));
            LocalNotifications.addRoutes(routes, notifyStores, keys.trackingKey(), keys.identityKey(), URI.create(baseUrl),
                    token, List.of(scheduler, notify.heldMessages()), bus, clock);
            notify.channels().addTo(routes);
            // outcomes from a CRM or call centre: the same guard
            var outcomes = new dev.lem.capture.lambda.OutcomesHandler(new dev.lem.capture.outcomes.OutcomeIngestionService(
                    leads, identity, new DynamoDbIdempotencyStore(dynamo, table), bus, activityQueue), clock);
            routes.post("/outcomes", token.guard(new LambdaEndpoint(FunctionName.OUTCOMES, outcomes, clock)));
            new LandingPages(demo, () -> formTokens.issue(demo.id(), clock.instant())).addTo(routes);
            new OutboxPages(outbox).addTo(routes);
            new AdminEndpoints(token, scheduler, bus, deadLetters, deadLetterQueues, EventCodec.create(), clock,
                    LocalEngines.REGION).addTo(routes);
            new DemoPages(demo).addTo(routes);
            StateHistory stateHistory = StateHistory.open(state.stateHistory());
            bus.observe(stateHistory::record);
            bus.observe(new LocalTrainingRows(new dev.lem.training.rows.OutcomeRowRecorder(leads,
                    new dev.lem.store.DynamoDbTrainingRows(dynamo, table),
                    new dev.lem.store.DynamoDbOutcomeTallies(dynamo, table))));
            new AdminPages(token, new LeadRecords(dynamo, table), outbox, scheduler, stateHistory).addTo(routes);
            new LeadApiEndpoints(token, new ApiHandler(new dev.lem.api.ApiRoutes(new LeadApi(leads,
                    new DynamoDbLeadStandingStore(dynamo, table), identity, clock), reporting.api(cost.reports()))), clock).addTo(routes);
            JourneyAdminEndpoints.onTable(token, dynamo, table).addTo(routes);

            RunningLem.Ports ports = new RunningLem.Ports(gateway.port(), engines.sqsPort(), engines.dynamoDbPort());
            Path localJson = state.localJson();
            resources.add("local.json", () -> Files.deleteIfExists(localJson));
            resources.add("gateway", gateway);
            gateway.start(routes.build());
            PrivateFiles.write(localJson, localJson(baseUrl, token, ports));

            RunningLem running = new RunningLem(baseUrl, token.value(), ports, stateDir, engines, leads, outbox,
                    scheduler, bus, deadLetters, resources);
            new Banner(baseUrl, ports, stateDir, keys.created(), scheduler.pending().size(), state.wiped(),
                    options.dripWait()).print(options.out());
            return running;
        } catch (IOException | RuntimeException e) {
            gateway.close();
            resources.closeAll();
            throw e;
        }
    }

    private static SqsPoller poller(Resources resources, LocalEngines engines, QueueDefinition queue, FunctionName function,
                                    RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        LocalEngines.ProvisionedQueue provisioned = engines.queue(queue);
        return resources.add("poller-" + queue.name(), new SqsPoller(engines.sqs(), queue, provisioned.url(),
                provisioned.arn(), LocalEngines.REGION, function, handler));
    }

    static String localJson(String baseUrl, AdminToken token, RunningLem.Ports ports) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("baseUrl", baseUrl);
        json.put("adminToken", token.value());
        ObjectNode portsJson = json.putObject("ports");
        portsJson.put("gateway", ports.gateway());
        portsJson.put("sqs", ports.sqs());
        if (ports.dynamoDb().isPresent()) {
            portsJson.put("dynamodb", ports.dynamoDb().getAsInt());
        } else {
            portsJson.putNull("dynamodb");
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
