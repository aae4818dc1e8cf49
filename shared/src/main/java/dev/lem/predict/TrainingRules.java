package dev.lem.predict;

/**
 * The bus rule that feeds training, defined once: infra turns it into the EventBridge rule in front of the outcome-rows
 * function, and the template tests match it against the event samples with event-ruler.
 */
public final class TrainingRules {

    public static final String OUTCOME_ROWS_NAME = "lead-outcome-to-training-rows";
    public static final String OUTCOME_ROWS_DESCRIPTION = "Each outcome becomes one training row of the predictive score";
    public static final String OUTCOME_ROWS_PATTERN = """
            {"source":["lem"],"detail-type":["lead.outcome"]}""";

    /** The weekly training: Mondays 03:00 UTC (EventBridge cron: minutes hours day-of-month month day-of-week year). */
    public static final String WEEKLY_SCHEDULE = "cron(0 3 ? * MON *)";

    private TrainingRules() {}
}
