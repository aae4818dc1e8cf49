package dev.lem.infra;

import dev.lem.events.RuleDefinition;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The bus rule {@link RuleDefinition#REPORTED_EVENTS} into the reporting queue: the reporting function drains it in
 * batches (a burst of events is absorbed by the queue, retried with partial batch failures, and what keeps failing
 * lands in the queue's DLQ). Only this rule may send to the queue (resource policy on its ARN); what the bus cannot
 * deliver goes to the routing DLQ.
 */
public final class ReportingRoute extends Construct {

    private static final ServicePrincipal EVENTS = new ServicePrincipal("events.amazonaws.com");

    private final CfnRule rule;

    public ReportingRoute(Construct scope, String id, IEventBus bus, Queue reportingQueue, Queue deadLetterQueue) {
        super(scope, id);
        RuleDefinition definition = RuleDefinition.REPORTED_EVENTS;
        this.rule = CfnRule.Builder.create(this, Ids.pascal(definition.name()))
                .eventBusName(bus.getEventBusName())
                .description(definition.description())
                .eventPattern(EventRouting.pattern(definition))
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("reporting")
                        .arn(reportingQueue.getQueueArn())
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                                .arn(deadLetterQueue.getQueueArn()).build())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumEventAgeInSeconds(EventRouting.MAX_EVENT_AGE_SECONDS)
                                .maximumRetryAttempts(EventRouting.MAX_RETRIES).build())
                        .build()))
                .build();
        reportingQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ReportedEventsFromTheBus")
                .principals(List.of(EVENTS))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(reportingQueue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                .build());
        deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DeadLettersFromReportedEvents")
                .principals(List.of(EVENTS))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getAttrArn())))
                .build());
    }

    public CfnRule rule() {
        return rule;
    }
}
