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
import dev.lem.local.admin.AdminToken;
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
import dev.lem.notify.NotificationService;
import dev.lem.notify.SendGate;
import dev.lem.notify.lambda.NotificationsHandler;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.routing.RoutingService;
import dev.lem.routing.lambda.RouterHandler;
import dev.lem.scoring.ScoringRules;
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.store.DynamoDbEnrolmentStore;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbLeadStore;
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
            usage: lem up [--port N] [--dir PATH]
              --port N    gateway port on 127.0.0.1 (default 8080; 0 = any free port)
              --dir PATH  folder that holds .lem/ (keys, schedules, local.json); default: the working directory""";

    private LemUp() {}

    /** How to start: gateway port ({@code 0}: any free one), the folder holding {@code .lem/}, where to print. */
    public record Options(int port, Path workDir, PrintStream out) {

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 0-65535");
            }
            workDir = workDir.toAbsolutePath().normalize();
        }

        public static Options defaults() {
            return new Options(8080, Path.of(""), System.out);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, workDir, out);
        }

        public Options withWorkDir(Path dir) {
            return new Options(port, dir, out);
        }

        public Options withOut(PrintStream stream) {
            return new Options(port, workDir, stream);
        }

        /** {@code --port N}, {@code --dir PATH}; anything else is refused with the reason. */
        public static Options parse(String[] args, Options base) {
            Options options = base;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.equals("--port") && !arg.equals("--dir")) {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                if (arg.equals("--port")) {
                    try {
                        options = options.withPort(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, got " + value);
                    }
                } else {
                    options = options.withWorkDir(Path.of(value));
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
        } catch (IOException | RuntimeException e) {
            System.err.println("lem up: could not start: " + e);
            System.exit(1);
            return;
        }
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
        Path stateDir = PrivateFiles.directory(options.workDir().resolve(".lem"));
        SecureRandom random = new SecureRandom();
        LocalKeys keys = LocalKeys.loadOrCreate(stateDir.resolve("keys.json"), random);
        AdminToken token = AdminToken.random(random);
        Resources resources = new Resources();
        HttpGateway gateway = HttpGateway.bind(options.port());
        try {
            String baseUrl = "http://127.0.0.1:" + gateway.port();
            PrintStream out = options.out();
            resources.add("goodbye", () -> out.println("lem up stopped; keys and pending schedules stay in " + stateDir));
            LocalEngines engines = resources.add("engines", LocalEngines.start());

            var dynamo = engines.dynamoDb();
            var table = engines.tableName();
            var leads = new DynamoDbLeadStore(dynamo, table);
            var forms = new DynamoDbFormStore(dynamo, table);
            FormDefinition demo = FormDefinition.demo(baseUrl + "/thanks", List.of(baseUrl));
            forms.save(demo);
            var activityQueue = new SqsMessageQueue(engines.sqs(), engines.queue(QueueDefinition.ACTIVITY).url());
            var notifyQueue = new SqsMessageQueue(engines.sqs(), engines.queue(QueueDefinition.NOTIFY).url());
            DeadLetters deadLetters = new DeadLetters();

            var drip = new DripHandler(new DripService(leads, notifyQueue));
            LocalStepScheduler scheduler = LocalStepScheduler.open(stateDir.resolve("schedules.json"), drip, deadLetters, clock);
            var router = new RouterHandler(new RoutingService(new DynamoDbEnrolmentStore(dynamo, table), notifyQueue, scheduler));
            LocalEventBus bus = resources.add("bus", new LocalEventBus(RuleDefinition.ALL,
                    Map.<RuleDefinition.RuleTarget, RequestStreamHandler>of(RuleDefinition.RuleTarget.ROUTER, router),
                    deadLetters, clock, LocalEngines.REGION, Duration.ofSeconds(1)));
            resources.add("scheduler", scheduler);

            // form tokens live at most 2 h: a key per run is enough (after a restart, reloading the page gets a new token)
            byte[] formTokenKey = new byte[32];
            random.nextBytes(formTokenKey);
            FormTokens formTokens = new FormTokens(formTokenKey, random);
            IdentityHasher identity = new IdentityHasher(keys.identityKey());
            var formCapture = new FormCaptureHandler(new FormCaptureService(forms, leads, identity, bus, activityQueue,
                    new SpamDefence(formTokens, new DynamoDbSpamDefenceStore(dynamo, table), identity, Optional.empty()),
                    new DynamoDbCaptureIdempotencyStore(dynamo, table),
                    Optional.of(new DoubleOptIn(new ConfirmationLinks(formTokenKey, URI.create(baseUrl)), notifyQueue))),
                    clock);
            var tracking = new TrackingHandler(new TrackingService(new LinkSigner(keys.trackingKey()), activityQueue),
                    java.util.Set.of(baseUrl, baseUrl.replace("127.0.0.1", "localhost")), clock);
            var scoring = new ScoringHandler(new ScoringService(leads, bus, ScoringRules.DEFAULT,
                    new dev.lem.visitor.VisitorTimeline(new dev.lem.store.DynamoDbVisitorStore(dynamo, table))));
            OutboxMailer outbox = new OutboxMailer(EmailTemplates.builtIn(), clock);
            var notifications = new NotificationsHandler(new NotificationService(leads,
                    new DynamoDbIdempotencyStore(dynamo, table), new SendGate(), outbox, bus,
                    new TrackingLinks(new LinkSigner(keys.trackingKey()), URI.create(baseUrl)), Clock.systemUTC()));

            poller(resources, engines, QueueDefinition.ACTIVITY, FunctionName.SCORING, scoring).start();
            poller(resources, engines, QueueDefinition.NOTIFY, FunctionName.NOTIFICATIONS, notifications).start();
            scheduler.start();

            DeadLetterQueues deadLetterQueues = new DeadLetterQueues(engines.sqs(), QueueDefinition.ALL.stream()
                    .map(q -> new DeadLetterQueues.Queue(LocalEngines.QUEUE_PREFIX + q.deadLetterName(),
                            engines.queue(q).deadLetterUrl())).toList());
            Routes.Builder routes = Routes.builder()
                    .post("/f/{formId}", new LambdaEndpoint(FunctionName.FORM_CAPTURE, formCapture, clock))
                    .get("/f/{formId}/token", new LambdaEndpoint(FunctionName.FORM_CAPTURE, formCapture, clock))
                    .get("/f/{formId}/confirm", new LambdaEndpoint(FunctionName.FORM_CAPTURE, formCapture, clock))
                    .get("/t/o.gif", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .get("/t/c", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .post("/t/e", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .add("OPTIONS", "/t/e", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock))
                    .get("/t/lem.js", new LambdaEndpoint(FunctionName.TRACKING, tracking, clock));
            // offline and call-centre activity: deployed behind IAM, here behind the run's admin token
            var activities = new ActivitiesHandler(new ActivityIngestionService(leads, identity,
                    new DynamoDbIdempotencyStore(dynamo, table), activityQueue), clock);
            routes.post("/activities", token.guard(new LambdaEndpoint(FunctionName.ACTIVITIES, activities, clock)));
            // outcomes from a CRM or call centre: the same guard
            var outcomes = new dev.lem.capture.lambda.OutcomesHandler(new dev.lem.capture.outcomes.OutcomeIngestionService(
                    leads, identity, new DynamoDbIdempotencyStore(dynamo, table), bus), clock);
            routes.post("/outcomes", token.guard(new LambdaEndpoint(FunctionName.OUTCOMES, outcomes, clock)));
            new LandingPages(demo, () -> formTokens.issue(demo.id(), clock.instant())).addTo(routes);
            new OutboxPages(outbox).addTo(routes);
            new AdminEndpoints(token, scheduler, bus, deadLetters, deadLetterQueues, EventCodec.create(), clock,
                    LocalEngines.REGION).addTo(routes);

            RunningLem.Ports ports = new RunningLem.Ports(gateway.port(), engines.sqsPort(), engines.dynamoDbPort());
            Path localJson = stateDir.resolve("local.json");
            resources.add("local.json", () -> Files.deleteIfExists(localJson));
            resources.add("gateway", gateway);
            gateway.start(routes.build());
            PrivateFiles.write(localJson, localJson(baseUrl, token, ports));

            RunningLem running = new RunningLem(baseUrl, token.value(), ports, stateDir, engines, leads, outbox,
                    scheduler, bus, deadLetters, resources);
            new Banner(baseUrl, ports, stateDir, keys.created(), scheduler.pending().size()).print(options.out());
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
