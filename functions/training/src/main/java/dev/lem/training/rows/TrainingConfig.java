package dev.lem.training.rows;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import dev.lem.predict.Column;
import java.util.Map;

/**
 * The weekly training function's configuration: the table holding the training rows, the model bucket, how many
 * weeks of rows a run reads ({@value EnvNames#TRAINING_WEEKS}, default {@value #DEFAULT_WEEKS}, at most
 * {@value #MAX_WEEKS}: rows are kept two years), and the CLI's {@code --hash-buckets}
 * ({@value EnvNames#TRAINING_HASH_BUCKETS}, 0 for vocabularies) and {@code --select-columns}
 * ({@value EnvNames#TRAINING_SELECT_COLUMNS}).
 */
public record TrainingConfig(AwsConfig aws, String tableName, String modelBucket, int weeks, int hashBuckets,
                             boolean selectColumns) {

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
                e.required(EnvNames.MODEL_BUCKET), weeks, hashBuckets(e), selectColumns(e));
    }

    private static int hashBuckets(Env e) {
        String raw = e.optional(EnvNames.TRAINING_HASH_BUCKETS, "0");
        int buckets;
        try {
            buckets = Integer.parseInt(raw);
        } catch (NumberFormatException notANumber) {
            buckets = -1;
        }
        if (buckets != 0 && !Column.Hashed.validBuckets(buckets)) {
            throw new ConfigException(EnvNames.TRAINING_HASH_BUCKETS + " must be 0 (vocabularies) or between 2 and "
                    + Column.Hashed.MAX_BUCKETS + ", got " + raw);
        }
        return buckets;
    }

    private static boolean selectColumns(Env e) {
        String raw = e.optional(EnvNames.TRAINING_SELECT_COLUMNS, "false");
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(EnvNames.TRAINING_SELECT_COLUMNS + " must be true or false, got " + raw);
        };
    }
}
