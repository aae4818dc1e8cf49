package dev.lem.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.aws.AwsClients;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.capture.lambda.FormCaptureHandler;
import dev.lem.config.FunctionName;
import dev.lem.cost.CostModel;
import dev.lem.cost.EmfRecords;
import dev.lem.cost.InvocationUsage;
import dev.lem.cost.PriceTable;
import dev.lem.cost.Usage;
import dev.lem.drip.DripService;
import dev.lem.drip.lambda.DripHandler;
import dev.lem.events.RuleDefinition;
import dev.lem.forms.FormDefinition;
import dev.lem.journey.JourneyDeployer;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.aws.JourneyRuntime;
import dev.lem.json.Json;
import dev.lem.lambda.InvocationMetering;
import dev.lem.lead.IdentityHasher;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.local.LocalLambdaContext;
import dev.lem.local.notify.LocalNotifications;
import dev.lem.notify.EmailComposer;
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
import dev.lem.scoring.ScoringService;
import dev.lem.scoring.SlaPolicy;
import dev.lem.scoring.lambda.ScoringHandler;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbFrequencyCaps;
import dev.lem.store.DynamoDbIdempotencyStore;
import dev.lem.store.DynamoDbJourneyStore;
import dev.lem.store.DynamoDbLeadErasure;
import dev.lem.store.DynamoDbLeadStandingStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import dev.lem.testing.fakes.SettableClock;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import dev.lem.visitor.VisitorTimeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.event.ruler.Machine;

/**
 * {@code lem bench lifecycle}: the AWS API calls one lead's lifecycle makes, counted by the SDK interceptor
 * ({@code MeteringInterceptor}) while the real handlers run: capture (form-capture, the router on lead.captured, the
 * welcome email), 10 pixel hits (tracking), scoring (the activity batches, and the router on what scoring publishes),
 * and 3 drip emails (a journey of three timed sends: drip, then notifications). DynamoDB Local and ElasticMQ hold the
 * data; EventBridge, Scheduler and SES v2 are WireMock stand-ins the SDK really calls. The bench plays AWS's part
 * between the functions (the event source mapping's receive/delete, EventBridge's rule delivery, Scheduler firing),
 * which is not metered here, as it is not a call the functions make.
 */
public final class LifecycleBench implements AutoCloseable {

    /** The steps of one lifecycle, in order. */
    public static final List<String> STEPS = List.of("capture", "pixels", "scoring", "drip-1", "drip-2", "drip-3");
    public static final int PIXEL_HITS = 10;

    private static final String JOURNEY = "bench-nurture";
    private static final String DRIP_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip:live";
    private static final String SCHEDULER_ROLE = "arn:aws:iam::000000000000:role/lem-scheduler";
    private static final byte[] IDENTITY_KEY = "bench-identity-key-not-a-secret-32b!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRACKING_KEY = "bench-tracking-key-not-a-secret-32b!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FORM_KEY = "bench-form-token-key-not-a-secret-32".getBytes(StandardCharsets.UTF_8);

    /** One step of one lead: its invocations' requests per {@code Service.Operation}, usage and billed ms. */
    public record StepUsage(String step, int invocations, Map<String, Long> calls, Usage usage) {}

    /** All steps of one lead. */
    public record LeadUsage(List<StepUsage> steps) {

        public Usage total() {
            return steps.stream().map(StepUsage::usage).reduce(Usage.NONE, Usage::plus);
        }

        /** Requests per {@code Service.Operation} over the whole lifecycle. */
        public Map<String, Long> calls() {
            Map<String, Long> calls = new TreeMap<>();
            steps.forEach(s -> s.calls().forEach((op, n) -> calls.merge(op, n, Long::sum)));
            return calls;
        }
    }


    private final AwsEngines engines = AwsEngines.start();
    private final WireCapture wire = WireCapture.start();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final String table = engines.createTable();
    private final Map<QueueDefinition, QueueUrls> queues = engines.createQueues();
    private final FormTokens formTokens = new FormTokens(FORM_KEY, new SecureRandom());
    private final Machine rules = new Machine();
    private final List<InvocationUsage> recorded = new ArrayList<>();
    private final FormCaptureHandler formCapture;
    private final RouterHandler router;
    private final NotificationsHandler notifications;
    private final TrackingHandler tracking;
    private final ScoringHandler scoring;
    private final DripHandler drip;
    private int eventsDelivered;
    private int schedulesSeen;
    private int emailsSeen;

    private LifecycleBench() {
        try {
            for (RuleDefinition rule : RuleDefinition.ALL) {
                rules.addRule(rule.name(), rule.pattern());
            }
        } catch (Exception e) {
            throw new IllegalStateException("the shared rule patterns do not compile", e);
        }
        var dynamo = engines.dynamoDb();
        var bus = new EventBridgeEventBus(AwsClients.eventBridge(wire.awsConfig()), "lem");
        var activityQueue = new SqsMessageQueue(engines.sqs(), queues.get(QueueDefinition.ACTIVITY).url());
        var notifyQueue = new SqsMessageQueue(engines.sqs(), queues.get(QueueDefinition.NOTIFY).url());
        var scheduler = new EventBridgeStepScheduler(AwsClients.scheduler(wire.awsConfig()), "lem", DRIP_ARN, SCHEDULER_ROLE);
        var forms = new DynamoDbFormStore(dynamo, table);
        forms.save(FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com"))
                .withSpamDefence(true, 100_000, 0));
        JourneyParser parser = JourneyParser.create();
        new JourneyDeployer(parser, new DynamoDbJourneyStore(dynamo, table, parser)).deploy(resource("bench-nurture.json"));
        var leads = new DynamoDbLeadStore(dynamo, table);
        IdentityHasher identity = new IdentityHasher(IDENTITY_KEY);

        formCapture = new FormCaptureHandler(new FormCaptureService(forms, leads, identity, bus, activityQueue,
                new SpamDefence(formTokens, new DynamoDbSpamDefenceStore(dynamo, table), identity, Optional.empty()),
                new DynamoDbCaptureIdempotencyStore(dynamo, table)), clock);
        JourneyRuntime journeys = JourneyRuntime.create(dynamo, table, notifyQueue, activityQueue, scheduler, clock);
        router = new RouterHandler(new RoutingService(journeys.catalog(), journeys.enrolments(), journeys.leads(),
                journeys.runner(), clock));
        drip = new DripHandler(new DripService(journeys.catalog(), journeys.enrolments(), journeys.leads(), journeys.runner(), clock));
        LinkSigner signer = new LinkSigner(TRACKING_KEY);
        URI base = URI.create("https://t.lem.example");
        notifications = new NotificationsHandler(new NotificationService(leads, new DynamoDbIdempotencyStore(dynamo, table),
                new SendGate(new Recipients(identity), new DynamoDbSuppressionList(dynamo, table),
                        new DynamoDbFrequencyCaps(dynamo, table), LocalNotifications.POLICY),
                new Outbound(new EmailComposer(new TrackingLinks(signer, base), new UnsubscribeLinks(signer, base), Optional.empty()),
                        new SesMailer(AwsClients.sesV2(wire.awsConfig()), "hello@lem.example", Optional.empty())),
                new HeldMessages(scheduler, new DynamoDbLeadErasure(dynamo, table)::rememberTimer), bus, clock));
        tracking = new TrackingHandler(new TrackingService(signer, activityQueue), clock);
        scoring = new ScoringHandler(new ScoringService(leads, new DynamoDbLeadStandingStore(dynamo, table), bus, scheduler,
                ScoreModels.defaults(), SlaPolicy.DEFAULT, clock, new VisitorTimeline(new DynamoDbVisitorStore(dynamo, table))));
        InvocationMetering.sendTo(line -> EmfRecords.fromLine(line).ifPresent(this::record));
    }

    /** Starts the engines and wires the handlers; close to stop them. */
    public static LifecycleBench start() {
        return new LifecycleBench();
    }

    private synchronized void record(InvocationUsage usage) {
        recorded.add(usage);
    }

    /** Runs one lead's whole lifecycle and returns what each step used. */
    public LeadUsage lifecycle() {
        String email = "lead-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.example";
        List<StepUsage> steps = new ArrayList<>();
        steps.add(step("capture", () -> {
            int status = formCapture.handleRequest(formPost(email), context(FunctionName.FORM_CAPTURE)).getStatusCode();
            if (status != 303) {
                throw new IllegalStateException("form capture answered " + status);
            }
            settle(false);
        }));
        URI pixel = URI.create(Json.tree(lastEmail().at("/Content/Template/TemplateData").asText()).get("openPixelUrl").asText());
        steps.add(step("pixels", () -> {
            for (int hit = 0; hit < PIXEL_HITS; hit++) {
                tracking.handleRequest(pixelHit(pixel), context(FunctionName.TRACKING));
            }
        }));
        steps.add(step("scoring", () -> settle(true)));
        for (int n = 1; n <= 3; n++) {
            clock.advance(Duration.ofDays(1));
            steps.add(step("drip-" + n, () -> {
                fireTimer();
                settle(true);
            }));
        }
        return new LeadUsage(steps);
    }

    private StepUsage step(String name, Runnable work) {
        int from;
        synchronized (this) {
            from = recorded.size();
        }
        work.run();
        List<InvocationUsage> invocations;
        synchronized (this) {
            invocations = List.copyOf(recorded.subList(from, recorded.size()));
        }
        Map<String, Long> calls = new TreeMap<>();
        Usage usage = Usage.NONE;
        for (InvocationUsage invocation : invocations) {
            invocation.operations().forEach((op, n) -> calls.merge(op, n, Long::sum));
            usage = usage.plus(invocation.usage());
        }
        return new StepUsage(name, invocations.size(), calls, usage);
    }

    /** Plays AWS between the functions until nothing moves: rule deliveries to the router, notify (and activity) batches. */
    private void settle(boolean scoreActivities) {
        boolean moved = true;
        while (moved) {
            moved = deliverEvents();
            moved |= drain(QueueDefinition.NOTIFY, batch -> notifications.handleRequest(batch, context(FunctionName.NOTIFICATIONS)));
            if (scoreActivities) {
                moved |= drain(QueueDefinition.ACTIVITY, batch -> scoring.handleRequest(batch, context(FunctionName.SCORING)));
            }
        }
    }

    /** The events published since the last call, each delivered to the router once per rule it matches. */
    private boolean deliverEvents() {
        List<CapturedRequest> puts = wire.requests(Service.EVENTBRIDGE);
        boolean delivered = false;
        for (; eventsDelivered < puts.size(); eventsDelivered++) {
            for (JsonNode entry : puts.get(eventsDelivered).json().get("Entries")) {
                String envelope = envelope(entry);
                try {
                    for (String rule : rules.rulesForJSONEvent(envelope)) {
                        router.handleRequest(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)),
                                new ByteArrayOutputStream(), context(FunctionName.ROUTER));
                        delivered = true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (Exception e) {
                    throw new IllegalStateException("rule matching failed", e);
                }
            }
        }
        return delivered;
    }

    private String envelope(JsonNode entry) {
        ObjectNode envelope = Json.mapper().createObjectNode()
                .put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", entry.get("DetailType").asText()).put("source", entry.get("Source").asText())
                .put("account", "000000000000").put("time", clock.instant().toString()).put("region", "eu-west-1");
        envelope.putArray("resources");
        envelope.set("detail", Json.tree(entry.get("Detail").asText()));
        return Json.write(envelope);
    }

    /** Fires the newest drip timer of the bench journey, as Scheduler would at its time. */
    private void fireTimer() {
        List<CapturedRequest> schedules = wire.requests(Service.SCHEDULER);
        Optional<String> input = Optional.empty();
        for (; schedulesSeen < schedules.size(); schedulesSeen++) {
            CapturedRequest request = schedules.get(schedulesSeen);
            if (request.method().equals("POST") && request.body() != null && !request.body().isEmpty()) {
                JsonNode target = request.json().path("Target");
                if (target.path("Arn").asText().equals(DRIP_ARN) && target.path("Input").asText().contains(JOURNEY)) {
                    input = Optional.of(target.path("Input").asText());
                }
            }
        }
        String payload = input.orElseThrow(() -> new IllegalStateException("no drip timer of " + JOURNEY + " was set"));
        try {
            drip.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                    context(FunctionName.DRIP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SES SendEmail request of the newest email. */
    private JsonNode lastEmail() {
        List<CapturedRequest> emails = wire.requests(Service.SES_V2);
        if (emails.size() <= emailsSeen) {
            throw new IllegalStateException("no email was sent");
        }
        emailsSeen = emails.size();
        return emails.get(emails.size() - 1).json();
    }

    /** Receives every visible message of {@code queue} in batches of 10, hands each batch over, deletes the successes. */
    private boolean drain(QueueDefinition queue, java.util.function.Function<SQSEvent, SQSBatchResponse> handler) {
        String url = queues.get(queue).url();
        boolean any = false;
        while (true) {
            List<Message> messages = engines.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return any;
            }
            any = true;
            SQSEvent event = new SQSEvent();
            event.setRecords(messages.stream().map(m -> {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(m.messageId());
                record.setReceiptHandle(m.receiptHandle());
                record.setBody(m.body());
                return record;
            }).toList());
            SQSBatchResponse response = handler.apply(event);
            List<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException(queue.name() + " batch had failures: " + failed.size());
            }
            engines.sqs().deleteMessageBatch(r -> r.queueUrl(url).entries(messages.stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList()));
        }
    }

    private APIGatewayV2HTTPEvent formPost(String email) {
        String body = "email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&name=Ada&company=Analytical";
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/x-www-form-urlencoded",
                "x-lem-token", formTokens.issue("demo", clock.instant().minusSeconds(10))));
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /f/{formId}").withRawPath("/f/demo")
                .withHeaders(headers).withPathParameters(Map.of("formId", "demo")).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(UUID.randomUUID().toString())
                        .build())
                .build();
    }

    private static APIGatewayV2HTTPEvent pixelHit(URI pixel) {
        Map<String, String> query = new HashMap<>();
        for (String pair : pixel.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/o.gif").withRawPath(pixel.getPath())
                .withRawQueryString(pixel.getRawQuery()).withQueryStringParameters(query)
                .withHeaders(Map.of("user-agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"))
                .build();
    }

    private static LocalLambdaContext context(FunctionName function) {
        return LocalLambdaContext.invoke(function);
    }

    private static String resource(String name) {
        try (InputStream in = LifecycleBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bench resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        InvocationMetering.sendTo(null);
        wire.close();
        engines.close();
    }

    /** Per step: requests per {@code Service.Operation} of one lead, as a table; then the cost per 1,000,000 leads. */
    public static String report(LeadUsage lead, Usage meanTimedLead, int timedLeads, CostModel model) {
        StringBuilder out = new StringBuilder();
        List<String> operations = new ArrayList<>(lead.calls().keySet());
        out.append(String.format(java.util.Locale.ROOT, "%-34s", "AWS calls per lead"));
        lead.steps().forEach(s -> out.append(String.format(java.util.Locale.ROOT, "%9s", s.step())));
        out.append(String.format(java.util.Locale.ROOT, "%9s%n", "total"));
        for (String op : operations) {
            out.append(String.format(java.util.Locale.ROOT, "%-34s", op));
            lead.steps().forEach(s -> out.append(String.format(java.util.Locale.ROOT, "%9d", s.calls().getOrDefault(op, 0L))));
            out.append(String.format(java.util.Locale.ROOT, "%9d%n", lead.calls().get(op)));
        }
        out.append(String.format(java.util.Locale.ROOT, "%-34s", "Lambda invocations"));
        lead.steps().forEach(s -> out.append(String.format(java.util.Locale.ROOT, "%9d", s.invocations())));
        out.append(String.format(java.util.Locale.ROOT, "%9d%n", lead.total().invocations()));
        out.append(String.format(java.util.Locale.ROOT, "%nbilled Lambda time per lead: %.1f ms at 512 MB (mean of %d timed leads)%n",
                meanTimedLead.billedMs() / (double) Math.max(1, timedLeads), timedLeads));
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        Usage requestsOnly = new Usage(lead.total().meters(), lead.total().invocations(), 0, 0);
        Usage lambdaTime = new Usage(Map.of(), 0, meanTimedLead.billedMs() / Math.max(1, timedLeads),
                meanTimedLead.billedMbMs() / Math.max(1, timedLeads));
        BigDecimal requestsUsd = model.usd(requestsOnly).multiply(million);
        BigDecimal timeUsd = model.usd(lambdaTime).multiply(million);
        Map<String, BigDecimal> perMeter = new LinkedHashMap<>();
        new TreeMap<>(lead.total().meters()).forEach((meter, n) -> perMeter.put(meter,
                model.usd(new Usage(Map.of(meter, n), 0, 0, 0)).multiply(million)));
        out.append(String.format(java.util.Locale.ROOT, "%ncost per 1,000,000 leads (prices of %s, %s, %s):%n",
                model.prices().asOf(), model.prices().region(), model.prices().architecture()));
        perMeter.forEach((meter, usd) -> out.append(String.format(java.util.Locale.ROOT, "  %-28s $%10.2f%n", meter, usd)));
        out.append(String.format(java.util.Locale.ROOT, "  %-28s $%10.2f%n", "lambda.request",
                model.usd(new Usage(Map.of(), lead.total().invocations(), 0, 0)).multiply(million)));
        out.append(String.format(java.util.Locale.ROOT, "  %-28s $%10.2f%n", "lambda.gb-second (measured)", timeUsd));
        out.append(String.format(java.util.Locale.ROOT, "  %-28s $%10.2f%n", "total", requestsUsd.add(timeUsd)));
        return out.toString();
    }

    /**
     * {@code lem bench lifecycle [--leads N]}: N lifecycles (default 20; the first quarter warms the JVM and is left
     * out of the billed-time mean); the call counts must be the same for every lead, or the exit status is 1.
     */
    public static int run(int leads, java.io.PrintStream out) {
        int warmUp = Math.max(1, leads / 4);
        CostModel model = new CostModel(PriceTable.builtIn());
        try (LifecycleBench bench = start()) {
            LeadUsage first = null;
            Usage timed = Usage.NONE;
            int unstable = 0;
            for (int i = 0; i < leads; i++) {
                LeadUsage lead = bench.lifecycle();
                if (first == null) {
                    first = lead;
                } else if (!sameCalls(first, lead)) {
                    unstable++;
                }
                if (i >= warmUp || leads == 1) {
                    timed = timed.plus(lead.total());
                }
            }
            int timedLeads = leads == 1 ? 1 : leads - warmUp;
            out.printf(java.util.Locale.ROOT, "lifecycle: %d leads (capture, %d pixel hits, scoring, 3 drip emails), calls "
                    + "counted by the SDK interceptor%n%n", leads, PIXEL_HITS);
            out.print(report(first, timed, timedLeads, model));
            if (unstable > 0) {
                out.printf("UNSTABLE: %d leads made other calls than the first%n", unstable);
                return 1;
            }
            return 0;
        }
    }

    /** Whether two leads made exactly the same calls in every step. */
    public static boolean sameCalls(LeadUsage a, LeadUsage b) {
        if (a.steps().size() != b.steps().size()) {
            return false;
        }
        for (int i = 0; i < a.steps().size(); i++) {
            StepUsage x = a.steps().get(i);
            StepUsage y = b.steps().get(i);
            if (!x.calls().equals(y.calls()) || x.invocations() != y.invocations()) {
                return false;
            }
        }
        return true;
    }
}
