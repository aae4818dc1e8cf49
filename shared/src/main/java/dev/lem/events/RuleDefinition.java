package dev.lem.events;

import java.util.List;

/**
 * An event-bus rule: an EventBridge pattern and the function it routes to. Defined once in
 * {@link #ALL}; infra turns these into EventBridge rules and {@code lem up} into its local bus, and
 * both match with the same pattern text (event-ruler locally, EventBridge in AWS).
 */
public record RuleDefinition(String name, String description, String pattern, RuleTarget target) {

    /** ROUTER: the router function; REPORTING: the reporting queue (SQS), drained by the reporting function. */
    public enum RuleTarget { ROUTER, REPORTING }

    public static final RuleDefinition LEAD_CAPTURED = new RuleDefinition(
            "lead-captured-to-router",
            "New or returning leads start welcome journeys",
            """
            {"source":["lem"],"detail-type":["lead.captured"]}""",
            RuleTarget.ROUTER);

    public static final RuleDefinition LEAD_PROGRESS = new RuleDefinition(
            "lead-progress-to-router",
            "Score and lifecycle changes trigger threshold campaigns",
            """
            {"source":["lem"],"detail-type":["lead.scored","lead.state-changed"]}""",
            RuleTarget.ROUTER);

    public static final RuleDefinition MARKETING_TRIGGER = new RuleDefinition(
            "marketing-trigger-to-router",
            "Campaign triggers that marketers put on the bus",
            """
            {"source":["lem.marketing"],"detail-type":["campaign.trigger"]}""",
            RuleTarget.ROUTER);

    /**
     * Survey answers resume the journeys waiting for them. Only {@code survey.answered}: the router has nothing to do
     * with the other activity types, which stay off the bus's routing (and the router's bill).
     */
    public static final RuleDefinition SURVEY_ANSWERS = new RuleDefinition(
            "survey-answers-to-router",
            "Survey answers resume the journeys that asked",
            """
            {"source":["lem"],"detail-type":["lead.activity"],"detail":{"type":["survey.answered"]}}""",
            RuleTarget.ROUTER);

    /**
     * Unsubscribes ({@code <channel>.unsubscribe}, {@link LeadActivity#UNSUBSCRIBE_SUFFIX}) end the lead's running
     * journeys and cancel their pending timers. Published by the preference page, one-click List-Unsubscribe and SES
     * complaints; hard bounces arrive as {@code lead.state-changed} to {@code unreachable} (rule above).
     */
    public static final RuleDefinition UNSUBSCRIBES = new RuleDefinition(
            "unsubscribes-to-router",
            "Unsubscribes end running journeys and cancel their timers",
            """
            {"source":["lem"],"detail-type":["lead.activity"],"detail":{"type":[{"suffix":".unsubscribe"}]}}""",
            RuleTarget.ROUTER);

    public static final List<RuleDefinition> ALL = List.of(LEAD_CAPTURED, LEAD_PROGRESS, MARKETING_TRIGGER,
            SURVEY_ANSWERS, UNSUBSCRIBES);

    /**
     * What the reports count: captures, lifecycle changes (with SLA breaches), messages sent, and a person's email
     * opens and clicks (not page views or survey answers). Its target is a queue, so it is kept out of {@link #ALL}
     * (the function rules).
     */
    public static final RuleDefinition REPORTED_EVENTS = new RuleDefinition(
            "reported-events-to-reporting",
            "Captures, lifecycle changes, sends, opens and clicks feed the report counters",
            """
            {"source":["lem"],"$or":[{"detail-type":["lead.captured","lead.state-changed","message.sent"]},\
            {"detail-type":["lead.activity"],"detail":{"type":["email.open","email.click"]}}]}""",
            RuleTarget.REPORTING);

    /** Rules whose target is a queue. */
    public static final List<RuleDefinition> QUEUED = List.of(REPORTED_EVENTS);
}
