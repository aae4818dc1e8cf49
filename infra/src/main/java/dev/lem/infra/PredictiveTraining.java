package dev.lem.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lem.config.EnvNames;
import dev.lem.predict.BlobModelRegistry;
import dev.lem.predict.TrainingRules;
import dev.lem.store.Keys;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The predictive score's learning loop, from the training jar:
 * <ul>
 *   <li>the model bucket: versioned, S3-managed encryption, public access blocked, TLS only; it holds
 *       {@code models/<version>.json} and the pointer {@value BlobModelRegistry#CURRENT_KEY};</li>
 *   <li>the outcome-rows function behind the bus rule {@link TrainingRules#OUTCOME_ROWS_PATTERN}: reads the lead, its
 *       activity and the daily outcome tallies, writes only {@code TRAINING#…} items and updates only the tallies
 *       ({@code OUTCOMES#DAILY}, in the same transaction); rule failures go to this construct's dead-letter queue;</li>
 *   <li>the weekly training function on a schedule ({@link TrainingRules#WEEKLY_SCHEDULE}): queries only
 *       {@code TRAINING#…} partitions, reads and writes only {@code models/*};</li>
 *   <li>scoring may read {@code models/*} (and list that prefix, so a missing pointer is a 404, not a 403); it reads
 *       the daily tallies with the item access to the table it already has.</li>
 * </ul>
 */
public final class PredictiveTraining extends Construct {

    public static final String ID = "PredictiveTraining";
    public static final String JAR = "functions/training/target/lem-training.jar";
    public static final String OUTCOME_ROWS_HANDLER = "dev.lem.training.lambda.OutcomeRowsHandler::handleRequest";
    public static final String TRAINING_HANDLER = "dev.lem.training.lambda.TrainingHandler::handleRequest";
    static final String MODELS_PREFIX = "models/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bucket bucket;
    private final Function outcomeRows;
    private final Function training;
    private final Queue deadLetterQueue;
    private final CfnRule outcomeRule;
    private final CfnRule schedule;

    public PredictiveTraining(Construct scope, String id, LemFunctions.Resources r, IEventBus bus, IRole scoringRole,
                              Function scoring) {
        super(scope, id);
        Path jar = r.assetRoot().resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Function jar not found: " + jar + " (build it with ./mvnw -B package)");
        }
        // kept when the stack is deleted, whatever the stage: published models are the product of months of outcomes
        // (and a versioned bucket is rarely empty, which a DESTROY policy would need)
        this.bucket = Bucket.Builder.create(this, "Models")
                .versioned(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .noncurrentVersionExpiration(Duration.days(365)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.deadLetterQueue = WorkQueues.failureQueue(this, "Dlq");
        String table = r.table().table().getTableName();

        Map<String, String> rowsEnv = new LinkedHashMap<>();
        rowsEnv.put(EnvNames.REGION, Aws.REGION);
        rowsEnv.put(EnvNames.TABLE_NAME, table);
        Role rowsRole = ExtraFunctions.role(this, "OutcomeRows");
        this.outcomeRows = ExtraFunctions.function(this, "OutcomeRows", "LEM training rows (lead.outcome)",
                OUTCOME_ROWS_HANDLER, 1024, 30, rowsEnv, rowsRole, jar, r.config().logRetentionDays());
        // reads leads and their activity; writes only training rows
        r.table().grantItemRead(rowsRole);
        r.table().grantReadAndWritesUnder(rowsRole, List.of(Keys.trainingWeek("")));
        // ... and counts each row in its day's outcome tally, in the row's transaction: updates of OUTCOMES#DAILY only
        r.table().grantOnlyUnder(rowsRole, List.of(Keys.OUTCOMES_DAILY_PK), "dynamodb:UpdateItem");
        Alias rowsAlias = ExtraFunctions.alias(this, "OutcomeRows", outcomeRows);
        failuresTo(rowsAlias);
        this.outcomeRule = rule(bus, rowsAlias);

        Map<String, String> trainingEnv = new LinkedHashMap<>();
        trainingEnv.put(EnvNames.REGION, Aws.REGION);
        trainingEnv.put(EnvNames.TABLE_NAME, table);
        trainingEnv.put(EnvNames.MODEL_BUCKET, bucket.getBucketName());
        Role trainingRole = ExtraFunctions.role(this, "Training");
        // a year of rows and two model families: minutes, not seconds, and room for the rows in memory
        this.training = ExtraFunctions.function(this, "Training", "LEM weekly training of the predictive score",
                TRAINING_HANDLER, 3008, 900, trainingEnv, trainingRole, jar, r.config().logRetentionDays());
        trainingRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(r.table().table().getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                        List.of(Keys.trainingWeek("") + "*"))))
                .build());
        r.table().key().grant(trainingRole, "kms:Decrypt", "kms:DescribeKey");
        trainingRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject", "s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(MODELS_PREFIX + "*")))
                .build());
        listModels(trainingRole);
        Alias trainingAlias = ExtraFunctions.alias(this, "Training", training);
        failuresTo(trainingAlias);
        this.schedule = weekly(trainingAlias);

        scoringRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(MODELS_PREFIX + "*")))
                .build());
        listModels(scoringRole);
        scoring.addEnvironment(EnvNames.MODEL_BUCKET, bucket.getBucketName());
    }

    /** What still fails after Lambda's two async retries lands in this construct's dead-letter queue. */
    private void failuresTo(Alias alias) {
        alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(2)
                .onFailure(new SqsDestination(deadLetterQueue))
                .build());
    }

    /** ListBucket on the models prefix only: without it S3 answers a missing key with 403 instead of 404. */
    private void listModels(IRole role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(MODELS_PREFIX + "*"))))
                .build());
    }

    private CfnRule rule(IEventBus bus, Alias target) {
        CfnRule rule = CfnRule.Builder.create(this, "OutcomeRowsRule")
                .eventBusName(bus.getEventBusName())
                .description(TrainingRules.OUTCOME_ROWS_DESCRIPTION)
                .eventPattern(parse(TrainingRules.OUTCOME_ROWS_PATTERN))
                .state("ENABLED")
                .targets(List.of(target(target)))
                .build();
        return invokedBy(rule, target, "FromOutcomeRule");
    }

    /** The weekly run: an Events schedule rule on the default bus, retried and dead-lettered like the bus rule. */
    private CfnRule weekly(Alias target) {
        CfnRule rule = CfnRule.Builder.create(this, "WeeklyTraining")
                .description("Weekly training of the predictive score; publishes only a better model")
                .scheduleExpression(TrainingRules.WEEKLY_SCHEDULE)
                .state("ENABLED")
                .targets(List.of(target(target)))
                .build();
        return invokedBy(rule, target, "FromSchedule");
    }

    /** The rule may invoke the function and dead-letter what it cannot deliver, nothing else may. */
    private CfnRule invokedBy(CfnRule rule, Alias target, String permissionId) {
        target.addPermission(permissionId, Permission.builder()
                .principal(new ServicePrincipal("events.amazonaws.com"))
                .sourceArn(rule.getAttrArn())
                .build());
        deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", List.of(rule.getAttrArn()))))
                .build());
        return rule;
    }

    private CfnRule.TargetProperty target(Alias alias) {
        return CfnRule.TargetProperty.builder()
                .id("training")
                .arn(alias.getFunctionArn())
                .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetterQueue.getQueueArn()).build())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumEventAgeInSeconds(86_400).maximumRetryAttempts(185).build())
                .build();
    }

    private static Map<String, Object> parse(String pattern) {
        try {
            return JSON.readValue(pattern, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid event pattern " + pattern, e);
        }
    }

    /** The accepted cdk-nag findings of this construct, each with its reason. */
    void suppressJustified(String tableLogicalId) {
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
                .reason("Model versions only, written by the training function and read by scoring; the bucket is "
                        + "versioned and its access is limited to those two roles, so access logs add a bucket "
                        + "without adding an audit trail CloudTrail does not already give.").build()), true);
        NagSuppressions.addResourceSuppressions(deadLetterQueue, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue IS a dead-letter queue: the DeadLetterConfig of the outcome rule's and the "
                        + "schedule's targets.").build()), true);
        NagPackSuppression xray = iam5("X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and PutTelemetryRecords "
                + "have no resource-level permissions.", "Resource::*");
        NagPackSuppression models = iam5("Model versions are named at training time; only the models/ prefix of the "
                + "model bucket.", "Resource::<" + logicalId(bucket) + ".Arn>/" + MODELS_PREFIX + "*");
        NagPackSuppression index = iam5("The table's global secondary indexes (Query on gsi1), on this table only.",
                "Resource::<" + tableLogicalId + ".Arn>/index/*");
        NagPackSuppression kms = iam5("KMS actions CDK grants for a table encrypted with a customer-managed key; "
                + "the resource is that one key.", "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*");
        NagSuppressions.addResourceSuppressions(outcomeRows.getRole(), List.of(xray, index, kms), true);
        NagSuppressions.addResourceSuppressions(training.getRole(), List.of(xray, models), true);
    }

    /** Scoring's finding from this construct: reading the models/ prefix. */
    NagPackSuppression scoringReadsModels() {
        return iam5("Scoring reads the published model, named at training time: only the models/ prefix of the "
                + "model bucket.", "Resource::<" + logicalId(bucket) + ".Arn>/" + MODELS_PREFIX + "*");
    }

    private String logicalId(Bucket b) {
        software.amazon.awscdk.Stack stack = software.amazon.awscdk.Stack.of(this);
        return String.valueOf(stack.resolve(stack.getLogicalId((software.amazon.awscdk.CfnElement) b.getNode()
                .getDefaultChild())));
    }

    private static NagPackSuppression iam5(String reason, String... appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(List.of((Object[]) appliesTo)).build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Function outcomeRows() {
        return outcomeRows;
    }

    public Function training() {
        return training;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public CfnRule outcomeRule() {
        return outcomeRule;
    }

    public CfnRule schedule() {
        return schedule;
    }
}
