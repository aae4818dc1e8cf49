package dev.lem.scoring;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import dev.lem.scoring.rules.RulesDocumentException;
import dev.lem.scoring.rules.ScoreModels;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring's configuration, validated at cold start: where leads live, the bus, the scheduler group, role and
 * target (the activity queue) of its timers, the SLA per state and the score models (the shipped default unless
 * {@value EnvNames#SCORE_MODELS} holds a document).
 */
public record ScoringConfig(AwsConfig aws, String tableName, String busName, String scheduleGroup,
                            String schedulerRoleArn, String timerTargetArn, Optional<String> schedulerDeadLetterArn,
                            SlaPolicy sla, ScoreModels models) {

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
                SlaPolicy.parse(e.optional(EnvNames.SCORING_SLA).orElse("")), models);
    }
}
