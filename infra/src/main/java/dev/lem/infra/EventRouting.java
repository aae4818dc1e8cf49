package dev.lem.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lem.events.RuleDefinition;
import dev.lem.events.RuleDefinition.RuleTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One EventBridge rule per {@link RuleDefinition} on the LEM bus. The pattern is the shared JSON text,
 * parsed and written as is ({@link CfnRule}), so the deployed pattern cannot drift from the one
 * {@code lem up} and the template tests match with. Events the bus cannot deliver to the target go to
 * a dead-letter queue.
 */
public final class EventRouting extends Construct {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServicePrincipal EVENTS = new ServicePrincipal("events.amazonaws.com");
    /** EventBridge's own defaults, written out: retry for 24 hours, at most 185 times. */
    static final int MAX_EVENT_AGE_SECONDS = 86_400;
    static final int MAX_RETRIES = 185;

    private final Queue deadLetterQueue;
    private final Map<String, CfnRule> rules = new LinkedHashMap<>();

    public EventRouting(Construct scope, String id, IEventBus bus, List<RuleDefinition> definitions,
                        Map<RuleTarget, ? extends IFunction> targets) {
        super(scope, id);
        this.deadLetterQueue = WorkQueues.failureQueue(this, "TargetDlq");
        for (RuleDefinition definition : definitions) {
            IFunction target = targets.get(definition.target());
            if (target == null) {
                throw new IllegalArgumentException("No function for rule target " + definition.target()
                        + " of rule '" + definition.name() + "'");
            }
            String ruleId = Ids.pascal(definition.name());
            CfnRule rule = CfnRule.Builder.create(this, ruleId)
                    .eventBusName(bus.getEventBusName())
                    .description(definition.description())
                    .eventPattern(pattern(definition))
                    .state("ENABLED")
                    .targets(List.of(CfnRule.TargetProperty.builder()
                            .id(definition.target().name().toLowerCase(java.util.Locale.ROOT))
                            .arn(target.getFunctionArn())
                            .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                                    .arn(deadLetterQueue.getQueueArn()).build())
                            .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                    .maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS)
                                    .maximumRetryAttempts(MAX_RETRIES).build())
                            .build()))
                    .build();
            target.addPermission("Invoke" + ruleId, Permission.builder()
                    .principal(EVENTS)
                    .action("lambda:InvokeFunction")
                    .sourceArn(rule.getAttrArn())
                    .build());
            deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("DeadLettersFrom" + ruleId)
                    .principals(List.of(EVENTS))
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(deadLetterQueue.getQueueArn()))
                    .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                    .build());
            rules.put(definition.name(), rule);
        }
    }

    /** Rules by {@link RuleDefinition#name()}. */
    public Map<String, CfnRule> rules() {
        return Map.copyOf(rules);
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    static Map<String, Object> pattern(RuleDefinition definition) {
        try {
            return JSON.readValue(definition.pattern(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Rule '" + definition.name() + "' has a pattern that is not a JSON object", e);
        }
    }
}
