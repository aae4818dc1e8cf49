package dev.lem.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The EventBridge Scheduler group that holds one-shot {@code at()} timers (drip steps, SLA timers), and
 * the role Scheduler assumes to invoke the drip function. Functions create the schedules at run time;
 * only this group's schedules can be created or deleted, and the role can be passed only to Scheduler.
 *
 * <p>Schedules that still fail after their retry policy land in {@link #deadLetterQueue()}: the router
 * sets each schedule's {@code RetryPolicy} and {@code DeadLetterConfig} (from
 * {@value LemFunctions#SCHEDULER_DLQ_ARN_ENV}) when it creates it; the scheduler role may send to that
 * queue and invoke the drip alias, nothing else.
 */
public final class DripScheduling extends Construct {

    private static final String SCHEDULER = "scheduler.amazonaws.com";

    private final CfnScheduleGroup group;
    private final Role schedulerRole;
    private final Queue deadLetterQueue;

    public DripScheduling(Construct scope, String id, String groupName) {
        super(scope, id);
        this.group = CfnScheduleGroup.Builder.create(this, "Group").name(groupName).build();
        // Confused-deputy guard: only schedules of this account's group may assume the role.
        this.schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .description("EventBridge Scheduler invokes the LEM drip function")
                .assumedBy(new ServicePrincipal(SCHEDULER).withConditions(Map.of(
                        "StringEquals", Map.of(
                                "aws:SourceAccount", Aws.ACCOUNT_ID,
                                "aws:SourceArn", group.getAttrArn()))))
                .build();
        this.deadLetterQueue = WorkQueues.failureQueue(this, "Dlq");
        deadLetterQueue.grantSendMessages(schedulerRole);
    }

    /** Lets the schedules invoke {@code drip} (the function's {@code live} alias). */
    public void allowInvoke(IFunction drip) {
        drip.grantInvoke(schedulerRole);
    }

    /** Lets the schedules deliver to {@code queue} (scoring's timers go to the activity queue). */
    public void allowSendTo(Queue queue) {
        queue.grantSendMessages(schedulerRole);
    }

    /** Lets {@code grantee} create and delete schedules in this group and hand them the scheduler role. */
    public void grantManageSchedules(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule"))
                .resources(List.of(schedulesArn()))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole"))
                .resources(List.of(schedulerRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", SCHEDULER)))
                .build());
    }

    public String groupName() {
        return group.getName();
    }

    public CfnScheduleGroup group() {
        return group;
    }

    /** Where Scheduler sends a timer it could not deliver after the schedule's retries. */
    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public Role schedulerRole() {
        return schedulerRole;
    }

    /** {@code arn:…:scheduler:…:schedule/<group>/*}: every schedule of this group, none of another's. */
    String schedulesArn() {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("scheduler")
                .resource("schedule")
                .resourceName(group.getName() + "/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }
}
