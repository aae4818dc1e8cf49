package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.infra.HmacKeys;
import dev.lem.infra.LemStackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Stack-wide checks: cdk-nag's AWS Solutions pack, outputs, secrets. */
class LemStackTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void awsSolutionsChecks_whenRun_reportNoUnsuppressedError() {
        // hasNoError fails listing every finding (rule, resource path, message)
        synth.annotations.hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(synth.annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    }

    @Test
    void awsSolutionsChecks_whenRun_reportNoUnsuppressedWarning() {
        synth.annotations.hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(synth.annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
    }

    @Test
    void anyPolicy_whenSynthesized_allowsNoStarAction() {
        List<Map<String, Object>> statements = synth.allStatements();

        assertThat(statements).hasSizeGreaterThan(20).allSatisfy(s -> {
            assertThat(Cfn.list(s.get("Action"))).as("statement %s", s).doesNotContain("*");
            assertThat(s).as("statement %s", s).doesNotContainKey("NotAction");
        });
    }

    @Test
    void identityPolicies_whenSynthesized_grantNoServiceWideWildcard() {
        synth.resources("AWS::IAM::Policy").forEach((id, policy) ->
                Cfn.list(Cfn.map(Cfn.props(policy).get("PolicyDocument")).get("Statement")).forEach(s ->
                        assertThat(Cfn.list(Cfn.map(s).get("Action")).stream().map(String::valueOf))
                                .as("actions of %s", id).noneMatch(a -> a.endsWith(":*"))));
    }

    @Test
    void nagSuppressions_whenPresent_eachGiveAReason() {
        List<Map<String, Object>> suppressions = new java.util.ArrayList<>();
        Map<String, Object> resources = Cfn.map(synth.template.toJSON().get("Resources"));
        resources.values().forEach(r -> {
            Object metadata = Cfn.map(r).get("Metadata");
            if (metadata != null && Cfn.map(metadata).get("cdk_nag") instanceof Map<?, ?> nag) {
                Cfn.list(nag.get("rules_to_suppress")).forEach(x -> suppressions.add(Cfn.map(x)));
            }
        });

        assertThat(suppressions).isNotEmpty().allSatisfy(x -> {
            assertThat(String.valueOf(x.get("id"))).startsWith("AwsSolutions-");
            assertThat(String.valueOf(x.get("reason"))).as("reason for %s", x.get("id")).hasSizeGreaterThan(30);
        });
    }

    @Test
    void fromContext_whenKeysAreSet_readsEveryOne() {
        App app = new App(AppProps.builder().context(Map.ofEntries(
                Map.entry(LemStackConfig.ASSET_ROOT, "/tmp/lem-assets"),
                Map.entry(LemStackConfig.STAGE, "prod"),
                Map.entry(LemStackConfig.MAIL_FROM, "hello@mail.acme.example"),
                Map.entry(LemStackConfig.MAIL_DOMAIN, "acme.example"),
                Map.entry(LemStackConfig.POSTAL_ADDRESS, "Acme, 1 Road, Town"),
                Map.entry(LemStackConfig.ALLOWED_ORIGINS, "https://a.example, https://b.example"),
                Map.entry(LemStackConfig.LOG_RETENTION_DAYS, "90"),
                Map.entry(LemStackConfig.ARCHIVE_RETENTION_DAYS, "7"),
                Map.entry(LemStackConfig.FORM_CAPTURE_CONCURRENCY, "0"),
                Map.entry(LemStackConfig.TRACKING_CONCURRENCY, "200"),
                Map.entry(LemStackConfig.MONTHLY_BUDGET_USD, "100"),
                Map.entry(LemStackConfig.ALARM_EMAIL, "ops@acme.example"),
                Map.entry(LemStackConfig.CDN, "true"),
                Map.entry(LemStackConfig.WAF_RATE_LIMIT, "500"),
                Map.entry(LemStackConfig.REGION, "eu-central-1"),
                Map.entry(LemStackConfig.DOMAIN_NAME, "forms.acme.example"),
                Map.entry(LemStackConfig.CERTIFICATE_ARN, VariantSynthesizedStacks.US_EAST_1_CERTIFICATE),
                Map.entry(LemStackConfig.CAPTCHA, "true"))).build());

        LemStackConfig config = LemStackConfig.fromContext(app.getNode());

        assertThat(config.assetRoot()).isEqualTo(Path.of("/tmp/lem-assets"));
        assertThat(config.name("lem")).isEqualTo("prod-lem");
        assertThat(config.mailFrom()).isEqualTo("hello@mail.acme.example");
        assertThat(config.mailFromDomain()).isEqualTo("acme.example");
        assertThat(config.postalAddress()).contains("Acme, 1 Road, Town");
        assertThat(config.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(config.logRetentionDays()).isEqualTo(90);
        assertThat(config.archiveRetentionDays()).isEqualTo(7);
        assertThat(config.formCaptureConcurrency()).isZero();
        assertThat(config.trackingConcurrency()).isEqualTo(200);
        assertThat(config.monthlyBudgetUsd()).contains(100);
        assertThat(config.alarmEmail()).contains("ops@acme.example");
        assertThat(config.cdn()).isTrue();
        assertThat(config.wafRateLimit()).isEqualTo(500);
        assertThat(config.region()).contains("eu-central-1");
        assertThat(config.domainName()).contains("forms.acme.example");
        assertThat(config.certificateArn()).contains(VariantSynthesizedStacks.US_EAST_1_CERTIFICATE);
        assertThat(config.captcha()).isTrue();
    }

    @Test
    void outputs_whenSynthesized_nameTheApiUrlTableAndBus() {
        synth.template.hasOutput("ApiUrl", Match.objectLike(Map.of("Value", Match.anyValue())));
        synth.template.hasOutput("TableName", Match.objectLike(Map.of(
                "Value", Cfn.ref(synth.logicalId(synth.stack.table().table())))));
        synth.template.hasOutput("BusName", Match.objectLike(Map.of(
                "Value", Cfn.ref(synth.logicalId(synth.stack.bus())))));
    }

    @Test
    void hmacKeys_whenSynthesized_areGeneratedSecretsThatOutliveTheStack() {
        Map<String, Map<String, Object>> secrets = synth.resources("AWS::SecretsManager::Secret");

        assertThat(secrets).hasSize(HmacKeys.Purpose.values().length).hasSize(3).allSatisfy((id, secret) -> {
            assertThat(secret.get("DeletionPolicy")).isEqualTo("Retain");
            Map<String, Object> props = Cfn.props(secret);
            assertThat(props).doesNotContainKey("SecretString");
            Map<String, Object> generate = Cfn.map(props.get("GenerateSecretString"));
            assertThat(Cfn.integer(generate.get("PasswordLength"))).isEqualTo(64);
            assertThat(generate.get("ExcludePunctuation")).isEqualTo(true);
        });
    }
}
