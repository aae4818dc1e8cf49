package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.infra.LemStackConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * {@code lem:webhooks} ({@link VariantSynthesizedStacks#domain()}): the targets as {@code LEM_WEBHOOKS} and an empty,
 * operator-filled signing key named to and readable by notifications only. The default stack has neither.
 */
class WebhooksTemplateTest {

    private final VariantSynthesizedStacks.Synth synth = VariantSynthesizedStacks.domain();

    @Test
    void signingKey_whenWebhooksAreSet_isAnEmptyRetainedPlaceholder() {
        String id = synth.logicalId(synth.stack().webhookSigningKey().orElseThrow());
        Map<String, Object> secret = synth.template().findResources("AWS::SecretsManager::Secret").get(id);

        assertThat(secret).isNotNull();
        assertThat(secret.get("DeletionPolicy")).isEqualTo("Retain");
        Map<String, Object> props = Cfn.props(secret);
        assertThat(props).doesNotContainKeys("GenerateSecretString", "SecretString");
        assertThat(String.valueOf(props.get("Description"))).contains("webhook").contains("EMPTY");
    }

    @Test
    void environment_whenWebhooksAreSet_givesNotificationsTheTargetsAndTheKeysArnNeverTheKey() {
        Map<String, Object> env = environment(FunctionName.NOTIFICATIONS);

        assertThat(env.get(EnvNames.WEBHOOKS)).isEqualTo(VariantSynthesizedStacks.WEBHOOKS);
        assertThat(Cfn.target(env.get(EnvNames.WEBHOOK_SECRET_ARN)))
                .isEqualTo(synth.logicalId(synth.stack().webhookSigningKey().orElseThrow()));
        assertThat(env).doesNotContainKey(EnvNames.WEBHOOK_SECRET);
        for (FunctionName other : EnumSet.complementOf(EnumSet.of(FunctionName.NOTIFICATIONS))) {
            assertThat(environment(other)).doesNotContainKeys(EnvNames.WEBHOOKS, EnvNames.WEBHOOK_SECRET_ARN);
        }
    }

    @Test
    void signingKey_whenGranted_isReadableByNotificationsOnly() {
        String secret = synth.logicalId(synth.stack().webhookSigningKey().orElseThrow());
        Set<FunctionName> readers = EnumSet.noneOf(FunctionName.class);
        for (FunctionName name : FunctionName.values()) {
            String role = synth.logicalId(synth.stack().functions().role(name));
            boolean reads = statements(role).stream().anyMatch(s -> Cfn.list(s.get("Action")).contains("secretsmanager:GetSecretValue")
                    && Cfn.list(s.get("Resource")).stream().anyMatch(r -> secret.equals(Cfn.target(r))));
            if (reads) {
                readers.add(name);
            }
        }
        assertThat(readers).containsExactly(FunctionName.NOTIFICATIONS);
        long policies = synth.template().findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> String.valueOf(p).contains(secret)).count();
        assertThat(policies).isEqualTo(1);
    }

    @Test
    void defaultStack_whenWebhooksAreNotSet_hasNoSigningKeyAndNoTargets() {
        SynthesizedStack plain = SynthesizedStack.get();
        assertThat(plain.stack.webhookSigningKey()).isEmpty();
        assertThat(String.valueOf(plain.template.toJSON())).doesNotContain(EnvNames.WEBHOOKS)
                .doesNotContain(EnvNames.WEBHOOK_SECRET_ARN);
    }

    @Test
    void fromContext_whenWebhooksAreGiven_readsAndValidatesThem() {
        App app = App.Builder.create().context(Map.of(LemStackConfig.ASSET_ROOT, "/tmp",
                LemStackConfig.WEBHOOKS, VariantSynthesizedStacks.WEBHOOKS)).build();
        assertThat(LemStackConfig.fromContext(app.getNode()).webhooksVariable()).isEqualTo(VariantSynthesizedStacks.WEBHOOKS);

        App insecure = App.Builder.create().context(Map.of(LemStackConfig.ASSET_ROOT, "/tmp",
                LemStackConfig.WEBHOOKS, "crm=http://crm.acme.example/hook")).build();
        assertThatThrownBy(() -> LemStackConfig.fromContext(insecure.getNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lem:webhooks: webhook crm must be an https URL");
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
