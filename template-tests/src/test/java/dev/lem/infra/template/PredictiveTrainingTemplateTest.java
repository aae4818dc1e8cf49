package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.events.DetailType;
import dev.lem.events.EventContract;
import dev.lem.infra.PredictiveTraining;
import dev.lem.predict.TrainingRules;
import dev.lem.store.Keys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/** The predictive score's learning loop: model bucket, outcome-rows rule, weekly schedule, least-privilege roles. */
class PredictiveTrainingTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();
    private final PredictiveTraining predictive = (PredictiveTraining) synth.stack.getNode().findChild(PredictiveTraining.ID);

    @Test
    void modelBucket_whenSynthesized_isVersionedEncryptedPrivateAndTlsOnly() {
        Map<String, Object> bucket = Cfn.props(synth.resources("AWS::S3::Bucket").get(synth.logicalId(predictive.bucket())));

        assertThat(Cfn.map(bucket.get("VersioningConfiguration")).get("Status")).isEqualTo("Enabled");
        assertThat(String.valueOf(bucket.get("BucketEncryption"))).contains("AES256");
        assertThat(Cfn.map(bucket.get("PublicAccessBlockConfiguration"))).containsEntry("BlockPublicAcls", true)
                .containsEntry("BlockPublicPolicy", true).containsEntry("IgnorePublicAcls", true)
                .containsEntry("RestrictPublicBuckets", true);
        Map<String, Object> policy = synth.resources("AWS::S3::BucketPolicy").values().stream().map(Cfn::props)
                .filter(p -> synth.logicalId(predictive.bucket()).equals(Cfn.target(p.get("Bucket")))).findFirst()
                .orElseThrow();
        assertThat(String.valueOf(policy.get("PolicyDocument"))).contains("Deny").contains("aws:SecureTransport=false");
    }

    @Test
    void schedule_whenSynthesized_runsTheTrainingAliasWeeklyWithRetriesAndADeadLetterQueue() {
        Map<String, Object> rule = Cfn.props(synth.resources("AWS::Events::Rule").get(synth.logicalId(predictive.schedule())));

        assertThat(rule.get("ScheduleExpression")).isEqualTo("cron(0 3 ? * MON *)");
        Map<String, Object> target = Cfn.map(Cfn.list(rule.get("Targets")).getFirst());
        assertThat(Cfn.target(Cfn.map(target.get("DeadLetterConfig")).get("Arn")))
                .isEqualTo(synth.logicalId(predictive.deadLetterQueue()));
        assertThat(aliasFunction(target.get("Arn"))).isEqualTo(synth.logicalId(predictive.training()));
    }

    @Test
    void outcomeRule_whenSynthesized_routesOnlyOutcomesToTheOutcomeRowsAlias() throws Exception {
        Map<String, Object> rule = Cfn.props(synth.resources("AWS::Events::Rule").get(synth.logicalId(predictive.outcomeRule())));
        Map<String, Object> target = Cfn.map(Cfn.list(rule.get("Targets")).getFirst());
        assertThat(aliasFunction(target.get("Arn"))).isEqualTo(synth.logicalId(predictive.outcomeRows()));
        assertThat(Cfn.target(rule.get("EventBusName"))).isEqualTo(synth.logicalId(synth.stack.bus()));

        Machine machine = new Machine();
        machine.addRule(TrainingRules.OUTCOME_ROWS_NAME, new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(rule.get("EventPattern")));
        for (DetailType type : DetailType.values()) {
            String envelope = """
                    {"version":"0","id":"1","detail-type":"%s","source":"%s","account":"1","time":"2026-11-23T00:00:00Z",
                     "region":"eu-west-1","resources":[],"detail":%s}""".formatted(type.wireName(), type.source(),
                    EventContract.resource(type.resourceFolder() + "sample.v1.json"));
            assertThat(machine.rulesForJSONEvent(envelope)).as(type.wireName())
                    .hasSize(type == DetailType.LEAD_OUTCOME ? 1 : 0);
        }
    }

    @Test
    void outcomeRows_whenGranted_readsLeadsAndWritesOnlyTrainingRows() {
        String role = roleOf(predictive.outcomeRows());
        assertThat(environment(predictive.outcomeRows()).keySet())
                .containsExactlyInAnyOrder(EnvNames.REGION, EnvNames.TABLE_NAME);
        assertThat(services(role)).containsExactlyInAnyOrder("logs", "xray", "dynamodb", "kms", "sqs");
        List<Map<String, Object>> writes = statements(role).stream()
                .filter(s -> Cfn.list(s.get("Action")).contains("dynamodb:PutItem")).toList();
        assertThat(writes).singleElement().satisfies(s -> assertThat(String.valueOf(s.get("Condition")))
                .contains("dynamodb:LeadingKeys").contains("TRAINING#*"));
    }

    @Test
    void outcomeRows_whenGranted_mayOnlyUpdateTheDailyOutcomeTalliesBesideItsRows() {
        String role = roleOf(predictive.outcomeRows());
        List<Map<String, Object>> tallies = statements(role).stream()
                .filter(s -> String.valueOf(s.get("Condition")).contains(Keys.OUTCOMES_DAILY_PK)).toList();

        assertThat(tallies).singleElement().satisfies(s -> {
            assertThat(Cfn.list(s.get("Action"))).containsExactly("dynamodb:UpdateItem");
            assertThat(Cfn.map(s.get("Condition"))).isEqualTo(Map.of("ForAllValues:StringLike",
                    Map.of("dynamodb:LeadingKeys", List.of(Keys.OUTCOMES_DAILY_PK + "*"))));
            assertThat(Cfn.target(s.get("Resource")))
                    .isEqualTo(synth.logicalId(synth.stack.table().table()));
        });
        // the row's put and the tally's update are one TransactWriteItems: each needs its own item-level grant
        assertThat(statements(role).stream().filter(s -> Cfn.list(s.get("Action")).contains("dynamodb:UpdateItem")))
                .extracting(s -> String.valueOf(s.get("Condition")))
                .anySatisfy(c -> assertThat(c).contains("TRAINING#*"))
                .anySatisfy(c -> assertThat(c).contains(Keys.OUTCOMES_DAILY_PK + "*"));
    }

    @Test
    void training_whenGranted_queriesOnlyTrainingRowsAndReadsAndWritesOnlyModels() {
        String role = roleOf(predictive.training());
        assertThat(environment(predictive.training()).keySet())
                .containsExactlyInAnyOrder(EnvNames.REGION, EnvNames.TABLE_NAME, EnvNames.MODEL_BUCKET);
        assertThat(services(role)).containsExactlyInAnyOrder("logs", "xray", "dynamodb", "kms", "s3", "sqs");
        List<Map<String, Object>> dynamo = statements(role).stream()
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("dynamodb:")))
                .toList();
        assertThat(dynamo).singleElement().satisfies(s -> {
            assertThat(Cfn.list(s.get("Action"))).containsExactly("dynamodb:Query");
            assertThat(String.valueOf(s.get("Condition"))).contains("TRAINING#*");
        });
        assertThat(s3Actions(role)).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject", "s3:ListBucket");
        assertThat(s3Resources(role)).allMatch(r -> r.contains(synth.logicalId(predictive.bucket())));
        assertThat(statements(role).stream().filter(s -> Cfn.list(s.get("Action")).contains("s3:PutObject")))
                .allSatisfy(s -> assertThat(String.valueOf(s.get("Resource"))).contains("/models/*"));
    }

    @Test
    void scoring_whenGranted_mayOnlyReadModels() {
        String role = synth.logicalId(synth.stack.functions().role(FunctionName.SCORING));

        assertThat(s3Actions(role)).containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
        statements(role).stream().filter(s -> Cfn.list(s.get("Action")).contains("s3:GetObject"))
                .forEach(s -> assertThat(String.valueOf(s.get("Resource"))).contains("/models/*"));
    }

    @Test
    void scoring_mayQueryTheTable_soItReadsTheDailyOutcomeTalliesWithNoNewGrant() {
        String role = synth.logicalId(synth.stack.functions().role(FunctionName.SCORING));

        // scoring's item access to the lead table (unconditioned Query among it) covers OUTCOMES#DAILY already;
        // nothing in the predictive loop adds a DynamoDB statement to scoring's role
        assertThat(statements(role).stream()
                .filter(s -> Cfn.list(s.get("Action")).contains("dynamodb:Query") && s.get("Condition") == null)
                .map(s -> String.valueOf(s.get("Resource"))))
                .anySatisfy(r -> assertThat(r).contains(synth.logicalId(synth.stack.table().table())));
        assertThat(statements(role)).noneSatisfy(s -> assertThat(String.valueOf(s.get("Condition")))
                .contains(Keys.OUTCOMES_DAILY_PK));
    }

    @Test
    void deadLetterQueue_isWatchedByOperations() {
        assertThat(synth.stack.deadLetterQueues()).containsKey("training-dlq");
    }

    private String aliasFunction(Object aliasArn) {
        Map<String, Object> alias = Cfn.props(synth.resources("AWS::Lambda::Alias").get(Cfn.target(aliasArn)));
        return Cfn.target(alias.get("FunctionName"));
    }

    private String roleOf(software.amazon.awscdk.services.lambda.Function function) {
        return Cfn.target(Cfn.props(synth.resources("AWS::Lambda::Function").get(synth.logicalId(function))).get("Role"));
    }

    private Map<String, Object> environment(software.amazon.awscdk.services.lambda.Function function) {
        return Cfn.map(Cfn.map(Cfn.props(synth.resources("AWS::Lambda::Function").get(synth.logicalId(function)))
                .get("Environment")).get("Variables"));
    }

    private Set<String> s3Actions(String role) {
        Set<String> actions = new HashSet<>();
        statements(role).forEach(s -> Cfn.list(s.get("Action")).stream().map(String::valueOf)
                .filter(a -> a.startsWith("s3:")).forEach(actions::add));
        return actions;
    }

    private List<String> s3Resources(String role) {
        return statements(role).stream()
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("s3:")))
                .map(s -> String.valueOf(s.get("Resource"))).toList();
    }

    private Set<String> services(String roleId) {
        Set<String> services = new HashSet<>();
        statements(roleId).forEach(s -> Cfn.list(s.get("Action"))
                .forEach(a -> services.add(String.valueOf(a).substring(0, String.valueOf(a).indexOf(':')))));
        return services;
    }

    private List<Map<String, Object>> statements(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.target(r)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });
        return statements;
    }
}
