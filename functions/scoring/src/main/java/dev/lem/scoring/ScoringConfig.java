package dev.lem.scoring;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import dev.lem.scoring.rules.RulesDocumentException;
import dev.lem.scoring.rules.ScoreModels;
import dev.lem.predict.PredictiveModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Scoring's configuration, validated at cold start: where leads live, the bus, the scheduler group, role and
 * target (the activity queue) of its timers, the SLA per state and the score models (the shipped default unless
 * {@value EnvNames#SCORE_MODELS} holds a document).
 */
public record ScoringConfig(AwsConfig aws, String tableName, String busName, String scheduleGroup,
                            String schedulerRoleArn, String timerTargetArn, Optional<String> schedulerDeadLetterArn,
                            SlaPolicy sla, ScoreModels models, ConversionPredictor predictor,
                            Optional<ModelBucket> modelBucket) {

    /** Default of {@value EnvNames#MODEL_REFRESH_MINUTES}. */
    public static final int DEFAULT_MODEL_REFRESH_MINUTES = 15;

    /**
     * {@value EnvNames#MODEL_BUCKET}: the published model is read from this bucket at cold start and looked up again
     * every {@code refresh}; {@code mqlThreshold} as {@value EnvNames#PREDICTIVE_MQL_THRESHOLD}.
     */
    public record ModelBucket(String name, Duration refresh, OptionalDouble mqlThreshold) {}

    public static ScoringConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        ScoreModels models;
        try {
            models = e.optional(EnvNames.SCORE_MODELS).map(json -> ScoreModels.parse(json, EnvNames.SCORE_MODELS))
                    .orElseGet(ScoreModels::defaults);
        } catch (RulesDocumentException invalid) {
            throw new ConfigException(invalid.getMessage());
        }
        return new ScoringConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME), e.required(EnvNames.EVENT_BUS_NAME),
                e.required(EnvNames.SCHEDULE_GROUP), e.required(EnvNames.SCHEDULER_ROLE_ARN),
                e.required(EnvNames.SCORING_TIMER_TARGET_ARN), e.optional(EnvNames.SCHEDULER_DLQ_ARN),
                SlaPolicy.parse(e.optional(EnvNames.SCORING_SLA).orElse("")), models, predictor(env),
                modelBucket(env));
    }

    /** The model bucket, when {@value EnvNames#MODEL_BUCKET} is set (and {@value EnvNames#PREDICTIVE_MODEL} is not). */
    public static Optional<ModelBucket> modelBucket(Map<String, String> env) {
        Env e = Env.of(env);
        Optional<String> bucket = e.optional(EnvNames.MODEL_BUCKET);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        String raw = e.optional(EnvNames.MODEL_REFRESH_MINUTES, Integer.toString(DEFAULT_MODEL_REFRESH_MINUTES));
        long minutes;
        try {
            minutes = Long.parseLong(raw);
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(EnvNames.MODEL_REFRESH_MINUTES + " must be a whole number of minutes, got " + raw);
        }
        if (minutes < 1 || minutes > 24 * 60) {
            throw new ConfigException(EnvNames.MODEL_REFRESH_MINUTES + " must be between 1 and 1440, got " + raw);
        }
        return Optional.of(new ModelBucket(bucket.get(), Duration.ofMinutes(minutes), threshold(e)));
    }

    /**
     * {@value EnvNames#PREDICTIVE_MODEL}: the model JSON itself, {@code classpath:<resource>} (shipped in the jar) or
     * a file path; unset, no predictive score. {@value EnvNames#PREDICTIVE_MQL_THRESHOLD} needs a model.
     */
    public static ConversionPredictor predictor(Map<String, String> env) {
        Env e = Env.of(env);
        Optional<String> source = e.optional(EnvNames.PREDICTIVE_MODEL);
        Optional<String> threshold = e.optional(EnvNames.PREDICTIVE_MQL_THRESHOLD);
        boolean bucket = e.optional(EnvNames.MODEL_BUCKET).isPresent();
        if (source.isPresent() && bucket) {
            throw new ConfigException("set " + EnvNames.PREDICTIVE_MODEL + " (a fixed model) or " + EnvNames.MODEL_BUCKET
                    + " (the published one), not both");
        }
        if (source.isEmpty()) {
            if (threshold.isPresent() && !bucket) {
                throw new ConfigException(EnvNames.PREDICTIVE_MQL_THRESHOLD + " needs " + EnvNames.PREDICTIVE_MODEL
                        + " or " + EnvNames.MODEL_BUCKET);
            }
            return ConversionPredictor.none(); // with a bucket, the handler wires the published model
        }
        PredictiveModel model;
        try {
            model = PredictiveModel.fromJson(read(source.get()));
        } catch (RuntimeException invalid) {
            throw new ConfigException(EnvNames.PREDICTIVE_MODEL + " is not a LEM predictive model: "
                    + invalid.getMessage());
        }
        return ConversionPredictor.of(model, threshold(e));
    }

    private static OptionalDouble threshold(Env e) {
        Optional<String> threshold = e.optional(EnvNames.PREDICTIVE_MQL_THRESHOLD);
        if (threshold.isEmpty()) {
            return OptionalDouble.empty();
        }
        double mql;
        try {
            mql = Double.parseDouble(threshold.get());
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(EnvNames.PREDICTIVE_MQL_THRESHOLD + " must be a probability such as 0.3");
        }
        if (!(mql > 0 && mql <= 1)) {
            throw new ConfigException(EnvNames.PREDICTIVE_MQL_THRESHOLD + ": the predictive MQL threshold must be within (0, 1]");
        }
        return OptionalDouble.of(mql);
    }

    private static String read(String source) {
        String trimmed = source.strip();
        if (trimmed.startsWith("{")) {
            return trimmed;
        }
        try {
            if (trimmed.startsWith("classpath:")) {
                String name = trimmed.substring("classpath:".length());
                try (InputStream in = ScoringConfig.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new ConfigException(EnvNames.PREDICTIVE_MODEL + ": no resource " + name + " in the jar");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(trimmed));
        } catch (IOException | InvalidPathException unreadable) {
            throw new ConfigException(EnvNames.PREDICTIVE_MODEL + ": cannot read " + trimmed);
        }
    }
}
