package dev.lem.training.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import dev.lem.config.EnvNames;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(EnvNames.REGION, "eu-west-1", EnvNames.TABLE_NAME, "lem",
                EnvNames.MODEL_BUCKET, "lem-models"));
        env.putAll(extra);
        return env;
    }

    @Test
    void fromEnv_readsTableBucketAndWeeks() {
        TrainingConfig config = TrainingConfig.fromEnv(env(Map.of(EnvNames.TRAINING_WEEKS, "26")));

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.modelBucket()).isEqualTo("lem-models");
        assertThat(config.weeks()).isEqualTo(26);
        assertThat(TrainingConfig.fromEnv(env(Map.of())).weeks()).isEqualTo(TrainingConfig.DEFAULT_WEEKS);
        assertThat(OutcomeRowsConfig.fromEnv(env(Map.of())).tableName()).isEqualTo("lem");
    }

    @Test
    void fromEnv_readsHashingAndSelection_offByDefault() {
        TrainingConfig defaults = TrainingConfig.fromEnv(env(Map.of()));
        assertThat(defaults.hashBuckets()).isZero();
        assertThat(defaults.selectColumns()).isFalse();

        TrainingConfig set = TrainingConfig.fromEnv(env(Map.of(EnvNames.TRAINING_HASH_BUCKETS, "64",
                EnvNames.TRAINING_SELECT_COLUMNS, "true")));
        assertThat(set.hashBuckets()).isEqualTo(64);
        assertThat(set.selectColumns()).isTrue();
    }

    @Test
    void fromEnv_whenHashingOrSelectionIsUnusable_failsAtColdStart() {
        for (String bad : new String[] {"1", "-4", "70000", "lots"}) {
            assertThatThrownBy(() -> TrainingConfig.fromEnv(env(Map.of(EnvNames.TRAINING_HASH_BUCKETS, bad)))).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.TRAINING_HASH_BUCKETS);
        }
        assertThatThrownBy(() -> TrainingConfig.fromEnv(env(Map.of(EnvNames.TRAINING_SELECT_COLUMNS, "yes"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.TRAINING_SELECT_COLUMNS);
    }

    @Test
    void fromEnv_whenSettingsAreUnusable_failsAtColdStart() {
        for (String bad : new String[] {"0", "105", "many"}) {
            assertThatThrownBy(() -> TrainingConfig.fromEnv(env(Map.of(EnvNames.TRAINING_WEEKS, bad)))).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining(EnvNames.TRAINING_WEEKS);
        }
        Map<String, String> noBucket = env(Map.of());
        noBucket.remove(EnvNames.MODEL_BUCKET);
        assertThatThrownBy(() -> TrainingConfig.fromEnv(noBucket)).hasMessageContaining(EnvNames.MODEL_BUCKET);
    }
}
