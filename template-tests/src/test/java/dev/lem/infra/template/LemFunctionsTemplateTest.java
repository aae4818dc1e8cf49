package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.infra.HmacKeys;
import dev.lem.infra.LemFunctions;
import dev.lem.infra.LemStackConfig;
import dev.lem.queue.QueueDefinition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LemFunctionsTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void functions_whenSynthesized_areThoseOfFunctionNameAndTheThreeExtraNotificationHandlers() {
        List<Object> handlers = synth.resources("AWS::Lambda::Function").values().stream()
                .map(fn -> Cfn.props(fn).get("Handler")).toList();

        List<String> expected = new java.util.ArrayList<>(EnumSet.allOf(FunctionName.class).stream().map(FunctionName::handler).toList());
        expected.add(dev.lem.infra.NotificationEndpoints.PREFERENCES_HANDLER);
        expected.add(dev.lem.infra.NotificationEndpoints.ERASURE_HANDLER);
        expected.add(dev.lem.infra.SesFeedbackConsumer.HANDLER);
        expected.add(dev.lem.infra.PredictiveTraining.OUTCOME_ROWS_HANDLER);
        expected.add(dev.lem.infra.PredictiveTraining.TRAINING_HANDLER);
        assertThat(handlers).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void function_whenSynthesized_runsJava25OnArm64WithSnapStart(FunctionName name) {
        Map<String, Object> fn = function(name);

        assertThat(fn.get("Runtime")).isEqualTo("java25");
        assertThat(Cfn.list(fn.get("Architectures"))).containsExactly("arm64");
        assertThat(fn.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(fn.get("TracingConfig")).isEqualTo(Map.of("Mode", "Active"));
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void function_whenSynthesized_hasTheMemoryAndTimeoutOfItsSettings(FunctionName name) {
        Map<String, Object> fn = function(name);
        LemFunctions.Settings settings = LemFunctions.SETTINGS.get(name);

        assertThat(Cfn.integer(fn.get("MemorySize"))).isEqualTo(settings.memoryMb()).isBetween(256, 2048);
        assertThat(Cfn.integer(fn.get("Timeout"))).isEqualTo(settings.timeoutSeconds()).isBetween(3, 30);
    }

    @Test
    void publicFunctions_whenSynthesized_answerWithinTenSeconds() {
        assertThat(Cfn.integer(function(FunctionName.FORM_CAPTURE).get("Timeout"))).isLessThanOrEqualTo(10);
        assertThat(Cfn.integer(function(FunctionName.TRACKING).get("Timeout"))).isLessThanOrEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void function_whenSynthesized_reservesConcurrencyOnlyOnThePublicHotPaths(FunctionName name) {
        Object reserved = function(name).get("ReservedConcurrentExecutions");

        switch (name) {
            case FORM_CAPTURE -> assertThat(Cfn.integer(reserved)).isEqualTo(LemStackConfig.DEFAULT_FORM_CAPTURE_CONCURRENCY);
            case TRACKING -> assertThat(Cfn.integer(reserved)).isEqualTo(LemStackConfig.DEFAULT_TRACKING_CONCURRENCY);
            default -> assertThat(reserved).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void function_whenSynthesized_logsToItsOwnLogGroupKeptThirtyDays(FunctionName name) {
        String logGroup = Cfn.target(Cfn.map(function(name).get("LoggingConfig")).get("LogGroup"));

        Map<String, Object> group = synth.resources("AWS::Logs::LogGroup").get(logGroup);
        assertThat(group).as("log group of %s", name).isNotNull();
        assertThat(Cfn.integer(Cfn.props(group).get("RetentionInDays"))).isEqualTo(LemStackConfig.DEFAULT_LOG_RETENTION_DAYS);
        long sharing = FunctionNameStream.all().filter(other -> logGroup.equals(
                Cfn.target(Cfn.map(function(other).get("LoggingConfig")).get("LogGroup")))).count();
        assertThat(sharing).isEqualTo(1);
    }

    @Test
    void notifications_whenAPostalAddressIsConfigured_getItForTheFooter() {
        assertThat(environment(FunctionName.NOTIFICATIONS).get(LemFunctions.POSTAL_ADDRESS_ENV))
                .isEqualTo(SynthesizedStack.POSTAL_ADDRESS);
    }

    @Test
    void router_whenSynthesized_knowsTheSchedulerDeadLetterQueue() {
        String dlq = synth.logicalId(synth.stack.scheduling().deadLetterQueue());

        assertThat(environment(FunctionName.ROUTER).get(LemFunctions.SCHEDULER_DLQ_ARN_ENV)).isEqualTo(Cfn.getAtt(dlq, "Arn"));
    }

    /** Enum helper kept local: the values as a stream. */
    private static final class FunctionNameStream {
        static java.util.stream.Stream<FunctionName> all() {
            return java.util.Arrays.stream(FunctionName.values());
        }
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void function_whenSynthesized_hasALiveAliasOnAPublishedVersion(FunctionName name) {
        String fnId = functionId(name);

        List<Map<String, Object>> aliases = synth.resources("AWS::Lambda::Alias").values().stream()
                .map(Cfn::props)
                .filter(a -> fnId.equals(Cfn.target(a.get("FunctionName"))))
                .toList();
        assertThat(aliases).hasSize(1);
        assertThat(aliases.get(0).get("Name")).isEqualTo("live");
        String versionId = Cfn.target(aliases.get(0).get("FunctionVersion"));
        Map<String, Object> version = Cfn.props(synth.resources("AWS::Lambda::Version").get(versionId));
        assertThat(Cfn.target(version.get("FunctionName"))).isEqualTo(fnId);
    }

    @Test
    void functions_whenSynthesized_eachHaveTheirOwnRole() {
        Set<String> roles = new HashSet<>();
        for (FunctionName name : FunctionName.values()) {
            roles.add(Cfn.target(function(name).get("Role")));
        }
        assertThat(roles).hasSize(FunctionName.values().length).doesNotContainNull();
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void functionRole_whenSynthesized_isAssumableOnlyByLambdaAndHasNoManagedPolicy(FunctionName name) {
        Map<String, Object> role = Cfn.props(synth.resources("AWS::IAM::Role").get(roleId(name)));

        assertThat(role).doesNotContainKey("ManagedPolicyArns");
        assertThat(String.valueOf(role.get("AssumeRolePolicyDocument")))
                .contains("lambda.amazonaws.com").doesNotContain("AWS=*");
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void functionRole_whenGranted_hasNoStarActionAndNoStarResourceForDataActions(FunctionName name) {
        List<Map<String, Object>> statements = statements(roleId(name));

        assertThat(statements).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            List<String> actions = Cfn.list(s.get("Action")).stream().map(String::valueOf).toList();
            assertThat(actions).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
            if (actions.stream().anyMatch(a -> a.startsWith("dynamodb:") || a.startsWith("sqs:"))) {
                assertThat(Cfn.list(s.get("Resource"))).as("resources of %s", actions).doesNotContain("*");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void functionRole_whenGranted_reachesOnlyTheServicesItsFunctionNeeds(FunctionName name) {
        Set<String> services = new HashSet<>();
        statements(roleId(name)).forEach(s -> Cfn.list(s.get("Action"))
                .forEach(a -> services.add(String.valueOf(a).substring(0, String.valueOf(a).indexOf(':')))));

        Set<String> expected = switch (name) {
            case FORM_CAPTURE -> Set.of("logs", "xray", "dynamodb", "kms", "events", "sqs", "secretsmanager");
            case TRACKING -> Set.of("logs", "xray", "sqs", "secretsmanager", "events"); // events: survey answers
            // s3: the published predictive model (PredictiveTraining)
            case SCORING -> Set.of("logs", "xray", "sqs", "dynamodb", "kms", "events", "scheduler", "iam", "s3");
            case ROUTER -> Set.of("logs", "xray", "sqs", "dynamodb", "kms", "scheduler", "iam");
            case DRIP -> Set.of("logs", "xray", "sqs", "dynamodb", "kms", "scheduler", "iam");
            case NOTIFICATIONS -> Set.of("logs", "xray", "sqs", "dynamodb", "kms", "ses", "sns", "events", "secretsmanager",
                    "scheduler", "iam");
            case ACTIVITIES -> Set.of("logs", "xray", "dynamodb", "kms", "sqs", "secretsmanager");
            case API -> Set.of("logs", "xray", "dynamodb", "kms", "secretsmanager", "cloudwatch"); // cloudwatch: /reports/cost
            case OUTCOMES -> Set.of("logs", "xray", "dynamodb", "kms", "events", "secretsmanager", "sqs");
            case REPORTING -> Set.of("logs", "xray", "sqs", "dynamodb", "kms");
            case JOURNEYS -> Set.of("logs", "xray", "dynamodb", "kms");
        };
        assertThat(services).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void tableAccess_whenGranted_excludesScansStreamsAndTableManagement() {
        for (FunctionName name : FunctionName.values()) {
            statements(roleId(name)).forEach(s -> assertThat(Cfn.list(s.get("Action")).stream().map(String::valueOf))
                    .as("%s", name)
                    .noneMatch(a -> a.equals("dynamodb:Scan") || a.equals("dynamodb:GetRecords")
                            || a.equals("dynamodb:DeleteTable") || a.equals("dynamodb:UpdateTable")));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FunctionName.class, names = {"FORM_CAPTURE", "TRACKING", "ACTIVITIES", "OUTCOMES"})
    void httpFunction_whenGranted_onlySendsToItsQueues(FunctionName name) {
        String activity = synth.logicalId(synth.stack.queues().queue(QueueDefinition.ACTIVITY));
        String notify = synth.logicalId(synth.stack.queues().queue(QueueDefinition.NOTIFY));

        List<Map<String, Object>> sqs = statements(roleId(name)).stream()
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("sqs:")))
                .toList();
        assertThat(sqs).isNotEmpty().allSatisfy(s -> assertThat(Cfn.list(s.get("Action")))
                .contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage"));
        Set<String> queues = new HashSet<>();
        sqs.forEach(s -> Cfn.list(s.get("Resource")).forEach(r -> queues.add(Cfn.target(r))));
        // form-capture also queues double opt-in confirmations
        assertThat(queues).containsExactlyInAnyOrderElementsOf(
                name == FunctionName.FORM_CAPTURE ? List.of(activity, notify) : List.of(activity));
    }

    @Test
    void formCaptureAndNotifications_whenSynthesized_buildLinksOnTheSamePublicBaseUrl() {
        Object formCapture = environment(FunctionName.FORM_CAPTURE).get(EnvNames.PUBLIC_BASE_URL);

        assertThat(formCapture).isNotNull().isEqualTo(environment(FunctionName.NOTIFICATIONS).get(EnvNames.PUBLIC_BASE_URL));
        assertThat(environment(FunctionName.FORM_CAPTURE).get(EnvNames.NOTIFY_QUEUE_URL))
                .isEqualTo(environment(FunctionName.ROUTER).get(EnvNames.NOTIFY_QUEUE_URL));
    }

    @Test
    void tracking_whenOriginsConfigured_allowsExactlyThoseForTheBeacon() {
        assertThat(environment(FunctionName.TRACKING).get(EnvNames.TRACKING_ALLOWED_ORIGINS))
                .isEqualTo(String.join(",", SynthesizedStack.ORIGINS));
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void environment_whenSynthesized_isExactlyWhatTheFunctionsConfigReads(FunctionName name) {
        // captcha off (the default): no LEM_CAPTCHA_SECRET_ARN anywhere
        assertThat(environment(name).keySet()).containsExactlyInAnyOrderElementsOf(expectedEnvironment(name, false, false));
    }

    /**
     * The variables {@code name}'s config reads, {@value EnvNames#REGION} included; with {@code lem:captcha=true}
     * form-capture also gets {@value EnvNames#CAPTCHA_SECRET_ARN}; with {@code lem:webhooks} notifications also gets
     * {@value EnvNames#WEBHOOKS} and {@value EnvNames#WEBHOOK_SECRET_ARN}.
     */
    static Set<String> expectedEnvironment(FunctionName name, boolean captcha, boolean webhooks) {
        String identity = HmacKeys.Purpose.IDENTITY.envName();
        String tracking = HmacKeys.Purpose.TRACKING.envName();
        String formToken = HmacKeys.Purpose.FORM_TOKEN.envName();
        Set<String> expected = switch (name) {
            case FORM_CAPTURE -> Set.of(EnvNames.TABLE_NAME, EnvNames.EVENT_BUS_NAME, EnvNames.ACTIVITY_QUEUE_URL,
                    EnvNames.NOTIFY_QUEUE_URL, EnvNames.PUBLIC_BASE_URL, identity, formToken);
            case TRACKING -> Set.of(EnvNames.ACTIVITY_QUEUE_URL, EnvNames.TRACKING_ALLOWED_ORIGINS, tracking,
                    EnvNames.EVENT_BUS_NAME);
            case SCORING -> Set.of(EnvNames.TABLE_NAME, EnvNames.EVENT_BUS_NAME, EnvNames.SCHEDULE_GROUP,
                    EnvNames.SCHEDULER_ROLE_ARN, EnvNames.SCHEDULER_DLQ_ARN, EnvNames.SCORING_TIMER_TARGET_ARN,
                    EnvNames.MODEL_BUCKET);
            case ROUTER -> Set.of(EnvNames.TABLE_NAME, EnvNames.NOTIFY_QUEUE_URL, EnvNames.SCHEDULE_GROUP,
                    EnvNames.DRIP_FUNCTION_ARN, EnvNames.SCHEDULER_ROLE_ARN, LemFunctions.SCHEDULER_DLQ_ARN_ENV,
                    EnvNames.AUDIENCE_QUEUE_URL, EnvNames.ACTIVITY_QUEUE_URL);
            case DRIP -> Set.of(EnvNames.TABLE_NAME, EnvNames.NOTIFY_QUEUE_URL, EnvNames.SCHEDULE_GROUP,
                    EnvNames.SCHEDULER_ROLE_ARN, LemFunctions.SCHEDULER_DLQ_ARN_ENV, EnvNames.ACTIVITY_QUEUE_URL);
            case NOTIFICATIONS -> Set.of(EnvNames.TABLE_NAME, EnvNames.EVENT_BUS_NAME, EnvNames.MAIL_FROM,
                    EnvNames.SES_CONFIGURATION_SET, EnvNames.PUBLIC_BASE_URL, tracking, LemFunctions.POSTAL_ADDRESS_ENV,
                    identity, EnvNames.SCHEDULE_GROUP, EnvNames.SCHEDULER_ROLE_ARN, LemFunctions.SCHEDULER_DLQ_ARN_ENV,
                    EnvNames.NOTIFY_QUEUE_ARN);
            case ACTIVITIES -> Set.of(EnvNames.TABLE_NAME, EnvNames.ACTIVITY_QUEUE_URL, identity);
            case API -> Set.of(EnvNames.TABLE_NAME, identity);
            case OUTCOMES -> Set.of(EnvNames.TABLE_NAME, EnvNames.EVENT_BUS_NAME, EnvNames.ACTIVITY_QUEUE_URL, identity);
            case REPORTING -> Set.of(EnvNames.TABLE_NAME);
            case JOURNEYS -> Set.of(EnvNames.TABLE_NAME);
        };
        Set<String> withRegion = new HashSet<>(expected);
        withRegion.add(EnvNames.REGION);
        if (captcha && name == FunctionName.FORM_CAPTURE) {
            withRegion.add(EnvNames.CAPTCHA_SECRET_ARN);
        }
        if (webhooks && name == FunctionName.NOTIFICATIONS) {
            withRegion.add(EnvNames.WEBHOOKS);
            withRegion.add(EnvNames.WEBHOOK_SECRET_ARN);
        }
        return withRegion;
    }

    @Test
    void router_whenGranted_managesSchedulesOnlyInTheLemGroupAndPassesOnlyTheSchedulerRole() {
        List<Map<String, Object>> statements = statements(roleId(FunctionName.ROUTER));
        String schedulerRole = synth.logicalId(synth.stack.scheduling().schedulerRole());

        Map<String, Object> schedules = statementWith(statements, "scheduler:CreateSchedule");
        assertThat(Cfn.list(schedules.get("Action")))
                .containsExactlyInAnyOrder("scheduler:CreateSchedule", "scheduler:DeleteSchedule");
        assertThat(String.valueOf(schedules.get("Resource")))
                .contains(":schedule/" + synth.stack.scheduling().group().getName() + "/*");

        Map<String, Object> passRole = statementWith(statements, "iam:PassRole");
        assertThat(Cfn.target(passRole.get("Resource"))).isEqualTo(schedulerRole);
        assertThat(passRole.get("Condition"))
                .isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")));
    }

    @ParameterizedTest
    @EnumSource(value = FunctionName.class, names = {"SCORING", "NOTIFICATIONS", "ROUTER", "REPORTING"})
    void queueConsumer_whenSynthesized_readsItsQueueInBatchesThroughTheAliasReportingItemFailures(FunctionName name) {
        QueueDefinition definition = switch (name) {
            case SCORING -> QueueDefinition.ACTIVITY;
            case ROUTER -> QueueDefinition.AUDIENCE;
            case REPORTING -> QueueDefinition.REPORTING;
            default -> QueueDefinition.NOTIFY;
        };
        String queue = synth.logicalId(synth.stack.queues().queue(definition));
        String alias = synth.logicalId(synth.stack.functions().alias(name));

        List<Map<String, Object>> mappings = synth.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(Cfn::props)
                .filter(m -> queue.equals(Cfn.target(m.get("EventSourceArn"))))
                .toList();
        assertThat(mappings).hasSize(1);
        Map<String, Object> mapping = mappings.get(0);
        assertThat(Cfn.integer(mapping.get("BatchSize"))).isEqualTo(definition.batchSize());
        assertThat(Cfn.list(mapping.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(String.valueOf(mapping.get("FunctionName"))).contains(alias).contains(":live");
    }

    @Test
    void eventSourceMappings_whenSynthesized_areTheFourQueueConsumersAndSesFeedback() {
        synth.template.resourceCountIs("AWS::Lambda::EventSourceMapping", 5); // activity, notify, audience, reporting; SES feedback
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void environment_whenSynthesized_holdsNoKeyMaterial(FunctionName name) {
        Map<String, Object> env = environment(name);

        assertThat(env).doesNotContainKeys(EnvNames.IDENTITY_KEY, EnvNames.TRACKING_KEY, EnvNames.FORM_TOKEN_KEY,
                EnvNames.CAPTCHA_SECRET);
        assertThat(env).containsKey(EnvNames.REGION);
        for (HmacKeys.Purpose purpose : HmacKeys.Purpose.values()) {
            if (env.containsKey(purpose.envName())) {
                String secret = synth.logicalId(synth.stack.keys().secret(purpose));
                assertThat(Cfn.target(env.get(purpose.envName()))).isEqualTo(secret);
            }
        }
    }

    @Test
    void keys_whenGranted_areReadableOnlyByTheFunctionsThatSignOrHash() {
        Map<HmacKeys.Purpose, Set<FunctionName>> readers = Map.of(
                HmacKeys.Purpose.IDENTITY, Set.of(FunctionName.FORM_CAPTURE, FunctionName.ACTIVITIES, FunctionName.API,
                        FunctionName.NOTIFICATIONS, FunctionName.OUTCOMES),
                HmacKeys.Purpose.TRACKING, Set.of(FunctionName.TRACKING, FunctionName.NOTIFICATIONS),
                HmacKeys.Purpose.FORM_TOKEN, Set.of(FunctionName.FORM_CAPTURE));
        assertThat(readers.keySet()).containsExactlyInAnyOrder(HmacKeys.Purpose.values());
        readers.forEach((purpose, expected) -> {
            String secret = synth.logicalId(synth.stack.keys().secret(purpose));
            Set<FunctionName> actual = EnumSet.noneOf(FunctionName.class);
            for (FunctionName name : FunctionName.values()) {
                boolean reads = statements(roleId(name)).stream().anyMatch(s ->
                        Cfn.list(s.get("Action")).contains("secretsmanager:GetSecretValue")
                                && Cfn.list(s.get("Resource")).stream().anyMatch(r -> secret.equals(Cfn.target(r))));
                if (reads) {
                    actual.add(name);
                }
                assertThat(environment(name).containsKey(purpose.envName())).as("%s env of %s", purpose, name)
                        .isEqualTo(reads);
            }
            assertThat(actual).as("readers of the %s key", purpose).isEqualTo(expected);
        });
    }

    @Test
    void scoring_whenSynthesized_sendsItsTimersToTheActivityQueueThroughTheSchedulerGroup() {
        Map<String, Object> env = environment(FunctionName.SCORING);

        assertThat(Cfn.target(env.get(EnvNames.SCORING_TIMER_TARGET_ARN)))
                .isEqualTo(synth.logicalId(synth.stack.queues().queue(QueueDefinition.ACTIVITY)));
        assertThat(Cfn.target(env.get(EnvNames.SCHEDULER_ROLE_ARN)))
                .isEqualTo(synth.logicalId(synth.stack.scheduling().schedulerRole()));
        assertThat(Cfn.target(env.get(EnvNames.SCHEDULER_DLQ_ARN)))
                .isEqualTo(synth.logicalId(synth.stack.scheduling().deadLetterQueue()));
        assertThat(env.get(EnvNames.SCHEDULE_GROUP)).isEqualTo(synth.stack.scheduling().group().getName());
        Map<String, Object> schedules = statementWith(statements(roleId(FunctionName.SCORING)), "scheduler:CreateSchedule");
        assertThat(String.valueOf(schedules.get("Resource")))
                .contains(":schedule/" + synth.stack.scheduling().group().getName() + "/*");
    }

    @Test
    void api_whenGranted_readsTheTableOnlyAndNeverWrites() {
        List<Map<String, Object>> statements = statements(roleId(FunctionName.API));
        String table = synth.logicalId(synth.stack.table().table());

        List<String> dynamo = statements.stream().flatMap(s -> Cfn.list(s.get("Action")).stream().map(String::valueOf))
                .filter(a -> a.startsWith("dynamodb:")).toList();
        assertThat(dynamo).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query");
        assertThat(statementWith(statements, "dynamodb:GetItem").get("Resource")).satisfies(r ->
                assertThat(Cfn.list(r).stream().map(Cfn::target)).containsOnly(table));
        List<String> kms = statements.stream().flatMap(s -> Cfn.list(s.get("Action")).stream().map(String::valueOf))
                .filter(a -> a.startsWith("kms:")).toList();
        assertThat(kms).doesNotContain("kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*").contains("kms:Decrypt");
    }

    @Test
    void api_whenGranted_readsMetricsWithGetMetricDataOnlyAndNoOtherFunctionDoes() {
        Map<String, Object> metrics = statementWith(statements(roleId(FunctionName.API)), "cloudwatch:GetMetricData");

        assertThat(Cfn.list(metrics.get("Action"))).containsExactly("cloudwatch:GetMetricData");
        assertThat(metrics.get("Resource")).isEqualTo("*");
        for (FunctionName other : FunctionName.values()) {
            if (other != FunctionName.API) {
                assertThat(statements(roleId(other))).as("%s", other)
                        .noneSatisfy(st -> assertThat(Cfn.list(st.get("Action")).toString()).contains("cloudwatch:"));
            }
        }
    }

    @Test
    void router_whenSynthesized_knowsTheDripAliasAndTheSchedulerWiring() {
        Map<String, Object> env = environment(FunctionName.ROUTER);

        assertThat(Cfn.target(env.get(EnvNames.DRIP_FUNCTION_ARN)))
                .isEqualTo(synth.logicalId(synth.stack.functions().alias(FunctionName.DRIP)));
        assertThat(Cfn.target(env.get(EnvNames.SCHEDULER_ROLE_ARN)))
                .isEqualTo(synth.logicalId(synth.stack.scheduling().schedulerRole()));
        assertThat(env.get(EnvNames.SCHEDULE_GROUP)).isEqualTo(synth.stack.scheduling().group().getName());
    }

    @Test
    void drip_whenSynthesized_schedulesTheNextWaitInTheSameGroupWithTheSameRole() {
        Map<String, Object> env = environment(FunctionName.DRIP);

        assertThat(Cfn.target(env.get(EnvNames.SCHEDULER_ROLE_ARN)))
                .isEqualTo(synth.logicalId(synth.stack.scheduling().schedulerRole()));
        assertThat(env.get(EnvNames.SCHEDULE_GROUP)).isEqualTo(synth.stack.scheduling().group().getName());
        assertThat(env).doesNotContainKey(EnvNames.DRIP_FUNCTION_ARN);
    }

    @Test
    void asyncFunctions_whenInvocationsKeepFailing_sendThemToADeadLetterQueue() {
        String dlq = synth.logicalId(synth.stack.functions().asyncFailures());
        for (FunctionName name : List.of(FunctionName.ROUTER, FunctionName.DRIP)) {
            assertThat(Cfn.target(Cfn.map(function(name).get("DeadLetterConfig")).get("TargetArn")))
                    .as("%s", name).isEqualTo(dlq);
        }
    }

    @Test
    void activities_whenGranted_readsItemsButWritesOnlyItsOwnClaimsNeverALead() {
        List<Map<String, Object>> dynamo = statements(roleId(FunctionName.ACTIVITIES)).stream()
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("dynamodb:")))
                .toList();
        String table = synth.logicalId(synth.stack.table().table());

        Map<String, Object> reads = statementWith(dynamo, "dynamodb:GetItem");
        assertThat(Cfn.list(reads.get("Action"))).containsExactly("dynamodb:GetItem");
        Map<String, Object> writes = statementWith(dynamo, "dynamodb:PutItem");
        assertThat(Cfn.list(writes.get("Action")))
                .containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        assertThat(Cfn.target(writes.get("Resource"))).isEqualTo(table);
        assertThat(writes.get("Condition")).isEqualTo(Map.of("ForAllValues:StringLike",
                Map.of("dynamodb:LeadingKeys", List.of("IDEM#activities#*"))));
        assertThat(dynamo).hasSize(2);
        assertThat(dynamo.stream().flatMap(s -> Cfn.list(s.get("Action")).stream()).map(String::valueOf))
                .doesNotContain("dynamodb:TransactWriteItems", "dynamodb:Query", "dynamodb:BatchWriteItem");
    }

    @Test
    void outcomes_whenGranted_readsLeadsWritesOnlyItsOwnClaimsPublishesAndQueuesTheMove() {
        List<Map<String, Object>> dynamo = statements(roleId(FunctionName.OUTCOMES)).stream()
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("dynamodb:")))
                .toList();
        Map<String, Object> writes = statementWith(dynamo, "dynamodb:PutItem");
        assertThat(writes.get("Condition")).isEqualTo(Map.of("ForAllValues:StringLike",
                Map.of("dynamodb:LeadingKeys", List.of("IDEM#outcomes#*"))));
        assertThat(dynamo).hasSize(2);
        assertThat(statements(roleId(FunctionName.OUTCOMES)).stream().flatMap(s -> Cfn.list(s.get("Action")).stream())
                .map(String::valueOf)).contains("events:PutEvents", "sqs:SendMessage") // the outcome's lifecycle move
                .doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage");
        assertThat(function(FunctionName.OUTCOMES).get("Code")).isEqualTo(function(FunctionName.FORM_CAPTURE).get("Code"));
        assertThat(function(FunctionName.OUTCOMES).get("Handler"))
                .isEqualTo("dev.lem.capture.lambda.OutcomesHandler::handleRequest");
    }

    @Test
    void activities_whenSynthesized_runsFromFormCapturesJarWithItsOwnHandler() {
        assertThat(function(FunctionName.ACTIVITIES).get("Code")).isEqualTo(function(FunctionName.FORM_CAPTURE).get("Code"));
        assertThat(function(FunctionName.ACTIVITIES).get("Handler"))
                .isEqualTo("dev.lem.capture.lambda.ActivitiesHandler::handleRequest");
    }

    private Map<String, Object> function(FunctionName name) {
        return Cfn.props(synth.resources("AWS::Lambda::Function").get(functionId(name)));
    }

    private String functionId(FunctionName name) {
        List<String> ids = synth.resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> name.handler().equals(Cfn.props(e.getValue()).get("Handler")))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).as("functions with handler %s", name.handler()).hasSize(1);
        return ids.get(0);
    }

    private String roleId(FunctionName name) {
        return Cfn.target(function(name).get("Role"));
    }

    private Map<String, Object> environment(FunctionName name) {
        return Cfn.map(Cfn.map(function(name).get("Environment")).get("Variables"));
    }

    /** Every statement of every inline policy attached to {@code roleId}. */
    private List<Map<String, Object>> statements(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.target(r)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });
        Object inline = Cfn.props(synth.resources("AWS::IAM::Role").get(roleId)).get("Policies");
        assertThat(inline).as("inline Policies on role %s", roleId).isNull();
        return statements;
    }

    private static Map<String, Object> statementWith(List<Map<String, Object>> statements, String action) {
        List<Map<String, Object>> found = statements.stream()
                .filter(s -> Cfn.list(s.get("Action")).contains(action)).toList();
        assertThat(found).as("statements allowing %s", action).hasSize(1);
        return found.get(0);
    }
}
