package dev.lem.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_EVENT_BUS_NAME", "lem");
        env.put("LEM_REGION", "eu-north-1");
        env.put("LEM_SCHEDULE_GROUP", "lem-timers");
        env.put("LEM_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler");
        env.put("LEM_SCORING_TIMER_TARGET_ARN", "arn:aws:sqs:eu-north-1:123456789012:lem-activity");
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValue() {
        ScoringConfig config = ScoringConfig.fromEnv(env());

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.busName()).isEqualTo("lem");
        assertThat(config.aws().region()).isEqualTo("eu-north-1");
        assertThat(config.scheduleGroup()).isEqualTo("lem-timers");
        assertThat(config.schedulerRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/scheduler");
        assertThat(config.timerTargetArn()).isEqualTo("arn:aws:sqs:eu-north-1:123456789012:lem-activity");
        assertThat(config.schedulerDeadLetterArn()).isEmpty();
        assertThat(config.sla()).isEqualTo(SlaPolicy.DEFAULT);
        assertThat(config.models().primary().version()).isEqualTo("default-3");
    }

    @Test
    void fromEnv_whenSlaAndModelsAreSet_usesThem() {
        Map<String, String> env = env();
        env.put("LEM_SCORING_SLA", "sql=PT24H");
        env.put("LEM_SCORE_MODELS", """
                { "models": [ { "name": "solo", "version": "s-1", "primary": true, "fit": [], "engagement": [] } ] }""");

        ScoringConfig config = ScoringConfig.fromEnv(env);

        assertThat(config.sla().limit(dev.lem.lead.LeadState.SQL)).contains(java.time.Duration.ofHours(24));
        assertThat(config.sla().limit(dev.lem.lead.LeadState.MQL)).contains(java.time.Duration.ofHours(48));
        assertThat(config.models().primary().name()).isEqualTo("solo");
    }

    @Test
    void fromEnv_whenModelsAreInvalid_failsAtColdStartSayingWhere() {
        Map<String, String> env = env();
        env.put("LEM_SCORE_MODELS", "{\"models\": [ { \"name\": \"x\" } ] }");

        assertThatThrownBy(() -> ScoringConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("score models LEM_SCORE_MODELS are invalid").hasMessageContaining("/models/0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_TABLE_NAME", "LEM_EVENT_BUS_NAME", "LEM_SCHEDULE_GROUP", "LEM_SCHEDULER_ROLE_ARN",
            "LEM_SCORING_TIMER_TARGET_ARN"})
    void fromEnv_whenRequiredVariableMissingOrBlank_throwsNamingIt(String name) {
        Map<String, String> missing = env();
        missing.remove(name);
        Map<String, String> blank = env();
        blank.put(name, "  ");

        assertThatThrownBy(() -> ScoringConfig.fromEnv(missing))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
        assertThatThrownBy(() -> ScoringConfig.fromEnv(blank))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }

    @Test
    void fromEnv_whenEndpointIsNotAnAbsoluteUrl_throwsNamingIt() {
        Map<String, String> env = env();
        env.put("LEM_AWS_ENDPOINT", "localhost:4566");

        assertThatThrownBy(() -> ScoringConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LEM_AWS_ENDPOINT");
    }
}
