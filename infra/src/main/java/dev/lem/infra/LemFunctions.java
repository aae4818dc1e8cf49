package dev.lem.infra;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.queue.QueueDefinition;
import dev.lem.store.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The functions of {@link FunctionName}: Java 25 on arm64 with SnapStart, each invoked only through
 * its {@value #ALIAS} alias (a published version, so SnapStart applies), each with its own role holding
 * only what that function needs, its own log group (retention from context), X-Ray tracing, and the
 * memory and timeout of {@link #SETTINGS}. The public hot paths (form-capture, tracking) have reserved
 * concurrency (from context), which caps both their cost under a flood and what they take from the others.
 *
 * <h2>SnapStart and uniqueness</h2>
 * HMAC keys are read from Secrets Manager at init (before the snapshot) from the {@code *_SECRET_ARN}
 * variables: a key is the same in every execution environment, so it may be in the snapshot. What must
 * be unique is not: ids ({@code UUID.randomUUID()}) and nonces are created per request, inside the
 * handler call, never held in static or instance fields initialised before the snapshot. Checked in
 * {@code functions/<name>/src/main}: no static {@code Random}/{@code SecureRandom}/UUID fields; the three
 * {@code UUID.randomUUID()} calls (form-capture's request id fallback, tracking's activity id,
 * {@code LeadId.generate}) run per request, and {@code UUID}'s {@code SecureRandom} is re-seeded by the
 * Lambda Java runtime on restore. Keep it that way: a {@code java.util.Random} created at init would
 * hand every restored environment the same sequence.
 */
public final class LemFunctions extends Construct {

    public static final String ALIAS = "live";
    /** New env var (router): where schedules send timers Scheduler could not deliver. To move to {@code EnvNames}. */
    public static final String SCHEDULER_DLQ_ARN_ENV = EnvNames.SCHEDULER_DLQ_ARN;
    /** Notifications: the sender's postal address for the email footer. */
    public static final String POSTAL_ADDRESS_ENV = EnvNames.POSTAL_ADDRESS;

    /** Memory and timeout of one function. */
    public record Settings(int memoryMb, int timeoutSeconds) {}

    /**
     * Per function. The public ones answer a browser (API Gateway waits at most 30 s; a form post that
     * takes longer than 10 s has failed). Queue consumers' timeouts bound their queues' visibility
     * timeouts (at least 6 ×, checked when the stack is built).
     */
    public static final Map<FunctionName, Settings> SETTINGS = Map.ofEntries(
            Map.entry(FunctionName.FORM_CAPTURE, new Settings(1024, 10)),
            Map.entry(FunctionName.TRACKING, new Settings(1024, 5)),
            Map.entry(FunctionName.SCORING, new Settings(1024, 30)),
            Map.entry(FunctionName.ROUTER, new Settings(512, 30)),
            Map.entry(FunctionName.DRIP, new Settings(512, 30)),
            Map.entry(FunctionName.NOTIFICATIONS, new Settings(1024, 30)),
            // a batch of 100 items: 100 lookups, claims and sends, well inside API Gateway's 30 s
            Map.entry(FunctionName.ACTIVITIES, new Settings(1024, 20)),
            Map.entry(FunctionName.API, new Settings(512, 10)),
            // one lookup, one claim, one PutEvents
            Map.entry(FunctionName.OUTCOMES, new Settings(1024, 10)),
            // a batch of 25 events: one transaction each
            Map.entry(FunctionName.REPORTING, new Settings(512, 30)),
            // one validation (schema, event-ruler compiles) and two conditional puts
            Map.entry(FunctionName.JOURNEYS, new Settings(1024, 10)));

    /** SQS consumers and their queues (AWS guidance: visibility timeout ≥ 6 × the function timeout). */
    public static final Map<FunctionName, QueueDefinition> CONSUMERS = Map.of(
            FunctionName.SCORING, QueueDefinition.ACTIVITY,
            FunctionName.NOTIFICATIONS, QueueDefinition.NOTIFY,
            FunctionName.ROUTER, QueueDefinition.AUDIENCE,
            FunctionName.REPORTING, QueueDefinition.REPORTING);

    /**
     * What the functions are wired to.
     *
     * @param captchaSecret with {@code lem:captcha=true}, the secret holding the Turnstile secret key (form-capture only)
     */
    public record Resources(LemStackConfig config, LeadTable table, WorkQueues queues, IEventBus bus, HmacKeys keys,
                            DripScheduling scheduling, MessageChannels channels, Optional<ISecret> captchaSecret) {
        public Resources(LemStackConfig config, LeadTable table, WorkQueues queues, IEventBus bus, HmacKeys keys,
                         DripScheduling scheduling, MessageChannels channels) {
            this(config, table, queues, bus, keys, scheduling, channels, Optional.empty());
        }

        public Resources {
            captchaSecret = Objects.requireNonNullElse(captchaSecret, Optional.empty());
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(queues, "queues");
            Objects.requireNonNull(bus, "bus");
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(scheduling, "scheduling");
            Objects.requireNonNull(channels, "channels");
        }

        Path assetRoot() {
            return config.assetRoot();
        }

        String mailFrom() {
            return config.mailFrom();
        }
    }

    private final Map<FunctionName, Function> functions = new EnumMap<>(FunctionName.class);
    private final Map<FunctionName, Alias> aliases = new EnumMap<>(FunctionName.class);
    private final Map<FunctionName, Role> roles = new EnumMap<>(FunctionName.class);
    private final Queue asyncFailures;

    public LemFunctions(Construct scope, String id, Resources resources) {
        super(scope, id);
        CONSUMERS.forEach((consumer, queue) -> {
            int timeout = SETTINGS.get(consumer).timeoutSeconds();
            if (queue.visibilityTimeout().toSeconds() < 6L * timeout) {
                throw new IllegalStateException("Queue '" + queue.name() + "' has a visibility timeout of "
                        + queue.visibilityTimeout().toSeconds() + " s, less than 6 × the " + timeout + " s timeout of "
                        + consumer.id());
            }
        });
        // Router (EventBridge) and drip (Scheduler) are invoked asynchronously: what still fails after
        // Lambda's two retries lands here instead of being dropped.
        this.asyncFailures = WorkQueues.failureQueue(this, "AsyncDlq");
        for (FunctionName name : FunctionName.values()) {
            create(name, resources);
        }
        // Cross-function wiring, once every alias exists.
        Alias drip = aliases.get(FunctionName.DRIP);
        resources.scheduling().allowInvoke(drip);
        // scoring's timers (decay re-evaluation, SLA) come back through the activity queue
        resources.scheduling().allowSendTo(resources.queues().queue(QueueDefinition.ACTIVITY));
        addEnvironment(FunctionName.ROUTER, EnvNames.DRIP_FUNCTION_ARN, drip.getFunctionArn());
    }

    private void create(FunctionName name, Resources r) {
        String cid = Ids.pascal(name.id());
        Path jar = r.assetRoot().resolve(name.jarPath());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Function jar not found: " + jar + " (build it with ./mvnw -B package, "
                    + "or point -c " + LemStackConfig.ASSET_ROOT + "=<folder> at a folder holding "
                    + name.jarPath() + ")");
        }
        Role role = Role.Builder.create(this, cid + "Role")
                .description("LEM " + name.id() + " function")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        LogGroup logs = LogGroup.Builder.create(this, cid + "Logs").build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(r.config().logRetentionDays());
        logs.grantWrite(role);
        Settings settings = SETTINGS.get(name);

        boolean async = name == FunctionName.ROUTER || name == FunctionName.DRIP;
        Function.Builder fn = Function.Builder.create(this, cid)
                .description("LEM " + name.id())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(name.handler())
                .code(Code.fromAsset(jar.toString()))
                .memorySize(settings.memoryMb())
                .timeout(Duration.seconds(settings.timeoutSeconds()))
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logs)
                .environment(environment(name, r));
        if (async) {
            fn.deadLetterQueue(asyncFailures);
        }
        int reserved = reservedConcurrency(name, r.config());
        if (reserved > 0) {
            fn.reservedConcurrentExecutions(reserved);
        }
        Function function = fn.build();
        // Triggers invoke the alias, which points at the published version SnapStart applies to.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Invoked only through the '" + ALIAS + "' alias of its current (published) version");
        Alias alias = Alias.Builder.create(this, cid + "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        functions.put(name, function);
        aliases.put(name, alias);
        roles.put(name, role);
        grant(name, role, alias, r);
    }

    /** Least privilege: each case lists everything that function may do besides writing its logs. */
    private static void grant(FunctionName name, Role role, Alias alias, Resources r) {
        Queue activity = r.queues().queue(QueueDefinition.ACTIVITY);
        Queue notify = r.queues().queue(QueueDefinition.NOTIFY);
        switch (name) {
            case FORM_CAPTURE -> {
                r.table().grantItemReadWrite(role);
                r.bus().grantPutEventsTo(role);
                activity.grantSendMessages(role);
                notify.grantSendMessages(role); // double opt-in confirmations
                r.keys().grantRead(HmacKeys.Purpose.IDENTITY, role);
                r.keys().grantRead(HmacKeys.Purpose.FORM_TOKEN, role);
                r.captchaSecret().ifPresent(secret -> secret.grantRead(role));
            }
            case TRACKING -> {
                activity.grantSendMessages(role);
                r.bus().grantPutEventsTo(role); // survey answers (lead.activity)
                r.keys().grantRead(HmacKeys.Purpose.TRACKING, role);
            }
            case SCORING -> {
                consume(alias, activity, QueueDefinition.ACTIVITY);
                r.table().grantItemReadWrite(role);
                r.bus().grantPutEventsTo(role);
                r.scheduling().grantManageSchedules(role); // SLA and decay timers
            }
            case ROUTER -> {
                r.table().grantItemReadWrite(role);
                notify.grantSendMessages(role);
                activity.grantSendMessages(role); // update steps' lifecycle moves, applied by scoring
                r.scheduling().grantManageSchedules(role);
                // campaign-trigger audiences: the router queues the batches and consumes them (segment pages queue the next)
                Queue audience = r.queues().queue(QueueDefinition.AUDIENCE);
                audience.grantSendMessages(role);
                consume(alias, audience, QueueDefinition.AUDIENCE);
            }
            case DRIP -> {
                r.table().grantItemReadWrite(role);
                notify.grantSendMessages(role);
                activity.grantSendMessages(role); // update steps' lifecycle moves, applied by scoring
                r.scheduling().grantManageSchedules(role); // the next wait of a journey, and cancelling
            }
            case ACTIVITIES -> {
                // looks leads up (by id, by email hash) and writes only its own claims, never a lead
                r.table().grantReadAndWritesUnder(role, java.util.List.of(Keys.idempotency(Keys.ACTIVITY_CLAIM_SCOPE)));
                activity.grantSendMessages(role);
                r.keys().grantRead(HmacKeys.Purpose.IDENTITY, role);
            }
            case API -> {
                // read-only: the admin API reads leads, standings and lifecycle logs, and hashes emails
                r.table().grantItemRead(role);
                r.keys().grantRead(HmacKeys.Purpose.IDENTITY, role);
                // GET /reports/cost reads the LEM metrics (EMF); GetMetricData has no resource-level permissions
                role.addToPrincipalPolicy(software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                        .actions(java.util.List.of("cloudwatch:GetMetricData")).resources(java.util.List.of("*")).build());
            }
            case OUTCOMES -> {
                // looks leads up (by id, by email hash), writes only its own claims, publishes lead.outcome
                r.table().grantReadAndWritesUnder(role, java.util.List.of(Keys.idempotency(Keys.OUTCOME_CLAIM_SCOPE)));
                r.bus().grantPutEventsTo(role);
                activity.grantSendMessages(role); // the lifecycle move an outcome asks for
                r.keys().grantRead(HmacKeys.Purpose.IDENTITY, role);
            }
            case REPORTING -> {
                // its counters only: reads, puts and updates of REPORT# items, nothing else in the table
                Queue reporting = r.queues().queue(QueueDefinition.REPORTING);
                consume(alias, reporting, QueueDefinition.REPORTING);
                r.table().grantOnlyUnder(role, java.util.List.of(Keys.REPORT_PREFIX),
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
            }
            case JOURNEYS -> {
                // the journey admin API: reads and writes journey items only (JOURNEY#<id>, JOURNEYS), nothing else
                r.table().grantOnlyUnder(role, java.util.List.of(Keys.journey(""), Keys.JOURNEYS_PK),
                        "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");
            }
            case NOTIFICATIONS -> {
                consume(alias, notify, QueueDefinition.NOTIFY);
                r.table().grantItemReadWrite(role);
                r.channels().grantSend(role);
                r.bus().grantPutEventsTo(role);
                r.keys().grantRead(HmacKeys.Purpose.TRACKING, role);
                r.keys().grantRead(HmacKeys.Purpose.IDENTITY, role); // SMS recipients' suppression hash
                r.scheduling().grantManageSchedules(role); // held messages come back through an at() timer
                notify.grantSendMessages(r.scheduling().schedulerRole()); // ... whose target is the notify queue
            }
        }
    }

    /**
     * Exactly what each function's config record reads ({@code <Function>Config.fromEnv}), besides
     * {@value EnvNames#REGION}. Keys are never values here: the {@code *_SECRET_ARN} variables name the
     * Secrets Manager secret to read at cold start.
     */
    private static Map<String, String> environment(FunctionName name, Resources r) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvNames.REGION, Aws.REGION);
        String table = r.table().table().getTableName();
        String bus = r.bus().getEventBusName();
        String activity = r.queues().queue(QueueDefinition.ACTIVITY).getQueueUrl();
        String notify = r.queues().queue(QueueDefinition.NOTIFY).getQueueUrl();
        switch (name) {
            case FORM_CAPTURE -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.EVENT_BUS_NAME, bus);
                env.put(EnvNames.ACTIVITY_QUEUE_URL, activity);
                env.put(EnvNames.NOTIFY_QUEUE_URL, notify);
                env.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
                env.put(HmacKeys.Purpose.FORM_TOKEN.envName(), r.keys().secret(HmacKeys.Purpose.FORM_TOKEN).getSecretArn());
                r.captchaSecret().ifPresent(secret -> env.put(EnvNames.CAPTCHA_SECRET_ARN, secret.getSecretArn()));
                // LEM_PUBLIC_BASE_URL (confirmation links) is added by the stack once the HTTP API exists.
            }
            case TRACKING -> {
                env.put(EnvNames.ACTIVITY_QUEUE_URL, activity);
                env.put(EnvNames.EVENT_BUS_NAME, bus);
                // the beacon answers CORS only for listed origins; "*" (the API's default) lists none
                env.put(EnvNames.TRACKING_ALLOWED_ORIGINS, String.join(",",
                        r.config().allowedOrigins().stream().filter(o -> !o.equals("*")).toList()));
                env.put(HmacKeys.Purpose.TRACKING.envName(), r.keys().secret(HmacKeys.Purpose.TRACKING).getSecretArn());
            }
            case SCORING -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.EVENT_BUS_NAME, bus);
                env.put(EnvNames.SCHEDULE_GROUP, r.scheduling().groupName());
                env.put(EnvNames.SCHEDULER_ROLE_ARN, r.scheduling().schedulerRole().getRoleArn());
                env.put(EnvNames.SCHEDULER_DLQ_ARN, r.scheduling().deadLetterQueue().getQueueArn());
                env.put(EnvNames.SCORING_TIMER_TARGET_ARN, r.queues().queue(QueueDefinition.ACTIVITY).getQueueArn());
            }
            case API -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
            }
            case ROUTER -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.NOTIFY_QUEUE_URL, notify);
                env.put(EnvNames.ACTIVITY_QUEUE_URL, activity);
                env.put(EnvNames.SCHEDULE_GROUP, r.scheduling().groupName());
                env.put(EnvNames.SCHEDULER_ROLE_ARN, r.scheduling().schedulerRole().getRoleArn());
                env.put(SCHEDULER_DLQ_ARN_ENV, r.scheduling().deadLetterQueue().getQueueArn());
                env.put(EnvNames.AUDIENCE_QUEUE_URL, r.queues().queue(QueueDefinition.AUDIENCE).getQueueUrl());
                // LEM_DRIP_FUNCTION_ARN is added once the drip alias exists.
            }
            case DRIP -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.NOTIFY_QUEUE_URL, notify);
                env.put(EnvNames.ACTIVITY_QUEUE_URL, activity);
                // drip's timers target the alias that fired it (from the invocation): its own ARN here would be a cycle
                env.put(EnvNames.SCHEDULE_GROUP, r.scheduling().groupName());
                env.put(EnvNames.SCHEDULER_ROLE_ARN, r.scheduling().schedulerRole().getRoleArn());
                env.put(SCHEDULER_DLQ_ARN_ENV, r.scheduling().deadLetterQueue().getQueueArn());
            }
            case JOURNEYS -> env.put(EnvNames.TABLE_NAME, table);
            case ACTIVITIES -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.ACTIVITY_QUEUE_URL, activity);
                env.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
            }
            case REPORTING -> env.put(EnvNames.TABLE_NAME, table);
            case OUTCOMES -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.EVENT_BUS_NAME, bus);
                env.put(EnvNames.ACTIVITY_QUEUE_URL, activity);
                env.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
            }
            case NOTIFICATIONS -> {
                env.put(EnvNames.TABLE_NAME, table);
                env.put(EnvNames.EVENT_BUS_NAME, bus);
                env.put(EnvNames.MAIL_FROM, r.mailFrom());
                env.put(EnvNames.SES_CONFIGURATION_SET, r.channels().configurationSetName());
                env.put(HmacKeys.Purpose.TRACKING.envName(), r.keys().secret(HmacKeys.Purpose.TRACKING).getSecretArn());
                r.config().postalAddress().ifPresent(address -> env.put(POSTAL_ADDRESS_ENV, address));
                env.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
                env.put(EnvNames.SCHEDULE_GROUP, r.scheduling().groupName());
                env.put(EnvNames.SCHEDULER_ROLE_ARN, r.scheduling().schedulerRole().getRoleArn());
                env.put(SCHEDULER_DLQ_ARN_ENV, r.scheduling().deadLetterQueue().getQueueArn());
                env.put(EnvNames.NOTIFY_QUEUE_ARN, r.queues().queue(QueueDefinition.NOTIFY).getQueueArn());
                // LEM_PUBLIC_BASE_URL is added by the stack once the HTTP API exists.
            }
        }
        return env;
    }

    /** SQS → the alias, in batches, reporting per-message failures (partial batch responses). */
    private static void consume(Alias alias, Queue queue, QueueDefinition definition) {
        SqsEventSourceProps.Builder props = SqsEventSourceProps.builder()
                .batchSize(definition.batchSize())
                .reportBatchItemFailures(true);
        if (definition.batchSize() > 10) {
            // SQS allows batches above 10 only with a batching window.
            props.maxBatchingWindow(Duration.seconds(1));
        }
        alias.addEventSource(new SqsEventSource(queue, props.build()));
    }

    /** Reserved concurrency from context for the public hot paths; 0 (none) for the others. */
    static int reservedConcurrency(FunctionName name, LemStackConfig config) {
        return switch (name) {
            case FORM_CAPTURE -> config.formCaptureConcurrency();
            case TRACKING -> config.trackingConcurrency();
            case SCORING, ROUTER, DRIP, NOTIFICATIONS, ACTIVITIES, API, OUTCOMES, REPORTING, JOURNEYS -> 0;
        };
    }

    public Map<FunctionName, Function> functions() {
        return Map.copyOf(functions);
    }

    public void addEnvironment(FunctionName name, String key, String value) {
        functions.get(name).addEnvironment(key, value);
    }

    public Function function(FunctionName name) {
        return functions.get(name);
    }

    /** The {@value #ALIAS} alias: what every trigger invokes. */
    public Alias alias(FunctionName name) {
        return aliases.get(name);
    }

    public Role role(FunctionName name) {
        return roles.get(name);
    }

    public Queue asyncFailures() {
        return asyncFailures;
    }
}
