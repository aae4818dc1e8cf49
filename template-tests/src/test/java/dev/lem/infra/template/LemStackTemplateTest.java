package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

        assertThat(secrets).hasSize(2).allSatisfy((id, secret) -> {
            assertThat(secret.get("DeletionPolicy")).isEqualTo("Retain");
            Map<String, Object> props = Cfn.props(secret);
            assertThat(props).doesNotContainKey("SecretString");
            Map<String, Object> generate = Cfn.map(props.get("GenerateSecretString"));
            assertThat(Cfn.integer(generate.get("PasswordLength"))).isEqualTo(64);
            assertThat(generate.get("ExcludePunctuation")).isEqualTo(true);
        });
    }
}
