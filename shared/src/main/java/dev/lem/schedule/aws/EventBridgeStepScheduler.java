package dev.lem.schedule.aws;

import dev.lem.schedule.ScheduleException;
import dev.lem.schedule.StepScheduler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;

/**
 * One-shot {@code at()} schedules in one EventBridge Scheduler group, targeting the drip function; a
 * schedule deletes itself after it fires. Names are deterministic, so a redelivered request hits
 * ConflictException, which means "already scheduled".
 */
public final class EventBridgeStepScheduler implements StepScheduler {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_NAME = 64;

    private final SchedulerClient scheduler;
    private final String group;
    private final Supplier<String> targetArn;
    private final String roleArn;
    private final Optional<String> deadLetterArn;

    public EventBridgeStepScheduler(SchedulerClient scheduler, String group, String targetArn, String roleArn) {
        this(scheduler, group, targetArn, roleArn, Optional.empty());
    }

    /** @param deadLetterArn the SQS queue that receives a timer whose target kept failing after the retries */
    public EventBridgeStepScheduler(SchedulerClient scheduler, String group, String targetArn, String roleArn,
                                    Optional<String> deadLetterArn) {
        this(scheduler, group, () -> targetArn, roleArn, deadLetterArn);
    }

    /**
     * @param targetArn read at every CreateSchedule: drip schedules its own next step, and learns its (alias) ARN only
     *                  from the invocation (its own ARN in its environment would be a CloudFormation cycle)
     */
    public EventBridgeStepScheduler(SchedulerClient scheduler, String group, Supplier<String> targetArn, String roleArn,
                                    Optional<String> deadLetterArn) {
        this.scheduler = scheduler;
        this.group = group;
        this.targetArn = targetArn;
        this.roleArn = roleArn;
        this.deadLetterArn = deadLetterArn;
    }

    /** {@code at(yyyy-mm-ddThh:mm:ss)} in UTC, rounded up to the next whole second. */
    static String atExpression(Instant at) {
        Instant whole = at.getNano() == 0 ? at : at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return "at(" + AT.format(whole) + ")";
    }

    @Override
    public void scheduleOnce(String name, Instant at, String payloadJson) {
        requireValidName(name);
        try {
            scheduler.createSchedule(r -> r.name(name).groupName(group)
                    .scheduleExpression(atExpression(at))
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> {
                        t.arn(targetArn.get()).roleArn(roleArn).input(payloadJson)
                                .retryPolicy(p -> p.maximumRetryAttempts(10).maximumEventAgeInSeconds(86_400));
                        deadLetterArn.ifPresent(arn -> t.deadLetterConfig(d -> d.arn(arn)));
                    }));
        } catch (ConflictException alreadyScheduled) {
            // same name: this timer exists already (redelivery)
        } catch (SchedulerException e) {
            throw new ScheduleException("CreateSchedule failed (" + e.statusCode() + ")", e.statusCode() >= 500
                    || e.isThrottlingException(), e);
        } catch (SdkException e) {
            throw new ScheduleException("CreateSchedule could not reach the scheduler", true, e);
        }
    }

    @Override
    public void cancel(String name) {
        requireValidName(name);
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(group));
        } catch (ResourceNotFoundException alreadyGone) {
            // fired or never existed
        } catch (SchedulerException e) {
            throw new ScheduleException("DeleteSchedule failed (" + e.statusCode() + ")", e.statusCode() >= 500
                    || e.isThrottlingException(), e);
        } catch (SdkException e) {
            throw new ScheduleException("DeleteSchedule could not reach the scheduler", true, e);
        }
    }

    private static void requireValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || !name.matches("[0-9a-zA-Z-_.]+")) {
            throw new IllegalArgumentException("schedule name must be 1-64 of [0-9a-zA-Z-_.]");
        }
    }
}
