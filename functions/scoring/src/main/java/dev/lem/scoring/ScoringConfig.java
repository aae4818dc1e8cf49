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
                            SlaPolicy sla, ScoreModels models, ConversionPredictor predictor) {

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
                SlaPolicy.parse(e.optional(EnvNames.SCORING_SLA).orElse("")), models, predictor(env));
    }

    /**
     * {@value EnvNames#PREDICTIVE_MODEL}: the model JSON itself, {@code classpath:<resource>} (shipped in the jar) or
     * a file path; unset, no predictive score. {@value EnvNames#PREDICTIVE_MQL_THRESHOLD} needs a model.
     */
    public static ConversionPredictor predictor(Map<String, String> env) {
        Env e = Env.of(env);
        Optional<String> source = e.optional(EnvNames.PREDICTIVE_MODEL);
        Optional<String> threshold = e.optional(EnvNames.PREDICTIVE_MQL_THRESHOLD);
        if (source.isEmpty()) {
            if (threshold.isPresent()) {
                throw new ConfigException(EnvNames.PREDICTIVE_MQL_THRESHOLD + " needs " + EnvNames.PREDICTIVE_MODEL);
            }
            return ConversionPredictor.none();
        }
        PredictiveModel model;
        try {
            model = PredictiveModel.fromJson(read(source.get()));
        } catch (RuntimeException invalid) {
            throw new ConfigException(EnvNames.PREDICTIVE_MODEL + " is not a LEM predictive model: "
                    + invalid.getMessage());
        }
        OptionalDouble mql = OptionalDouble.empty();
        if (threshold.isPresent()) {
            try {
                mql = OptionalDouble.of(Double.parseDouble(threshold.get()));
            } catch (NumberFormatException notANumber) {
                throw new ConfigException(EnvNames.PREDICTIVE_MQL_THRESHOLD + " must be a probability such as 0.3");
            }
        }
        try {
            return ConversionPredictor.of(model, mql);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigException(EnvNames.PREDICTIVE_MQL_THRESHOLD + ": " + invalid.getMessage());
        }
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
