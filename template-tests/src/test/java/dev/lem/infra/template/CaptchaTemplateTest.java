package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code lem:captcha=true} ({@link VariantSynthesizedStacks#domain()}): an empty, operator-filled secret for
 * the Turnstile secret key, named to and readable by form-capture only. The default stack (captcha off) has
 * neither: see {@link LemFunctionsTemplateTest} and {@link LemStackTemplateTest}.
 */
class CaptchaTemplateTest {

    private final VariantSynthesizedStacks.Synth synth = VariantSynthesizedStacks.domain();

    @Test
    void captchaSecret_whenCaptchaIsOn_isAnEmptyRetainedPlaceholderForTheTurnstileKey() {
        String id = synth.logicalId(synth.stack().captchaSecret().orElseThrow());
        Map<String, Object> secret = synth.template().findResources("AWS::SecretsManager::Secret").get(id);

        assertThat(secret).isNotNull();
        assertThat(secret.get("DeletionPolicy")).isEqualTo("Retain");
        Map<String, Object> props = Cfn.props(secret);
        assertThat(props).doesNotContainKeys("GenerateSecretString", "SecretString");
        assertThat(String.valueOf(props.get("Description"))).contains("Turnstile").contains("EMPTY");
        // the three HMAC keys, this one and the webhook signing key (lem:webhooks is on in this variant too)
        assertThat(synth.template().findResources("AWS::SecretsManager::Secret")).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(FunctionName.class)
    void environment_whenCaptchaIsOn_addsTheSecretArnToFormCaptureOnly(FunctionName name) {
        Map<String, Object> env = environment(name);

        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(LemFunctionsTemplateTest.expectedEnvironment(name, true, true));
        assertThat(env).doesNotContainKey(EnvNames.CAPTCHA_SECRET);
        if (name == FunctionName.FORM_CAPTURE) {
            assertThat(Cfn.target(env.get(EnvNames.CAPTCHA_SECRET_ARN)))
                    .isEqualTo(synth.logicalId(synth.stack().captchaSecret().orElseThrow()));
        }
    }

    @Test
    void captchaSecret_whenGranted_isReadableByFormCaptureOnly() {
        String secret = synth.logicalId(synth.stack().captchaSecret().orElseThrow());
        Set<FunctionName> readers = EnumSet.noneOf(FunctionName.class);
        for (FunctionName name : FunctionName.values()) {
            String role = synth.logicalId(synth.stack().functions().role(name));
            boolean reads = statements(role).stream().anyMatch(s -> Cfn.list(s.get("Action")).contains("secretsmanager:GetSecretValue")
                    && Cfn.list(s.get("Resource")).stream().anyMatch(r -> secret.equals(Cfn.target(r))));
            if (reads) {
                readers.add(name);
            }
        }
        assertThat(readers).containsExactly(FunctionName.FORM_CAPTURE);
        // and nothing else anywhere refers to it but that grant and that variable
        long policies = synth.template().findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> String.valueOf(p).contains(secret)).count();
        assertThat(policies).isEqualTo(1);
    }

    @Test
    void defaultStack_whenCaptchaIsOff_hasNoCaptchaSecret() {
        assertThat(SynthesizedStack.get().stack.captchaSecret()).isEmpty();
    }

    private Map<String, Object> environment(FunctionName name) {
        Map<String, Object> fn = synth.template().findResources("AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(f -> name.handler().equals(f.get("Handler"))).findFirst().orElseThrow();
        return Cfn.map(Cfn.map(fn.get("Environment")).get("Variables"));
    }

    private List<Map<String, Object>> statements(String roleId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.template().findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = Cfn.props(policy);
            if (Cfn.list(props.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.target(r)))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });
        return statements;
    }
}
