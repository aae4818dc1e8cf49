package dev.lem.training.rows;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.util.Map;

/**
 * The weekly training function's configuration: the table holding the training rows, the model bucket, and how many
 * weeks of rows a run reads ({@value EnvNames#TRAINING_WEEKS}, default {@value #DEFAULT_WEEKS}, at most
 * {@value #MAX_WEEKS}: rows are kept two years).
 */
public record TrainingConfig(AwsConfig aws, String tableName, String modelBucket, int weeks) {

    public static final int DEFAULT_WEEKS = 52;
    public static final int MAX_WEEKS = 104;

    public static TrainingConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        String raw = e.optional(EnvNames.TRAINING_WEEKS, Integer.toString(DEFAULT_WEEKS));
        int weeks;
        try {
            weeks = Integer.parseInt(raw);
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(EnvNames.TRAINING_WEEKS + " must be a whole number of weeks, got " + raw);
        }
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new ConfigException(EnvNames.TRAINING_WEEKS + " must be between 1 and " + MAX_WEEKS + ", got " + weeks);
        }
        return new TrainingConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.MODEL_BUCKET), weeks);
    }
}
