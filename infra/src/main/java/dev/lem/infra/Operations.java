package dev.lem.infra;

import dev.lem.config.FunctionName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What tells an operator something is wrong, all to the alarm topic: any dead-letter queue not empty,
 * any function error or throttle, SES bounce rate above 5 % and complaint rate above 0.1 % (the levels
 * at which SES puts an account under review are 10 % and 0.5 %), API 5xx. A dashboard with the same
 * metrics, and optionally an AWS Budgets alarm on the month's forecast and actual cost.
 */
public final class Operations extends Construct {

    static final double BOUNCE_RATE_THRESHOLD = 0.05;
    static final double COMPLAINT_RATE_THRESHOLD = 0.001;
    private static final Duration PERIOD = Duration.minutes(5);

    /** What is watched. */
    public record Watched(Map<String, Queue> deadLetterQueues, Map<FunctionName, Function> functions, HttpApi api,
                          Topic alarmTopic, String dashboardName, Optional<Integer> monthlyBudgetUsd,
                          Optional<String> alarmEmail) {}

    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final Dashboard dashboard;
    private final SnsAction notify;

    public Operations(Construct scope, String id, Watched w) {
        super(scope, id);
        SnsAction notify = new SnsAction(w.alarmTopic());
        this.notify = notify;
        w.alarmEmail().ifPresent(email -> w.alarmTopic().addSubscription(new EmailSubscription(email)));

        List<IMetric> dlqDepths = new ArrayList<>();
        w.deadLetterQueues().forEach((name, queue) -> {
            Metric depth = queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                    .period(PERIOD).statistic("Maximum").build());
            dlqDepths.add(labelled(depth, name));
            alarm("Dlq" + Ids.pascal(name) + "NotEmpty", depth, 0, "Dead-letter queue " + name + " is not empty", notify);
        });

        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        w.functions().forEach((name, fn) -> {
            String label = name.id();
            Metric e = fn.metricErrors(MetricOptions.builder().period(PERIOD).statistic("Sum").build());
            Metric t = fn.metricThrottles(MetricOptions.builder().period(PERIOD).statistic("Sum").build());
            errors.add(labelled(e, label));
            throttles.add(labelled(t, label));
            durations.add(fn.metricDuration(MetricOptions.builder().period(PERIOD).statistic("p99").label(label).build()));
            alarm(Ids.pascal(label) + "Errors", e, 0, "Function " + label + " reported errors", notify);
            alarm(Ids.pascal(label) + "Throttles", t, 0, "Function " + label + " was throttled", notify);
        });

        Metric bounceRate = ses("Reputation.BounceRate");
        Metric complaintRate = ses("Reputation.ComplaintRate");
        alarm("SesBounceRate", bounceRate, BOUNCE_RATE_THRESHOLD, "SES bounce rate above 5 %", notify);
        alarm("SesComplaintRate", complaintRate, COMPLAINT_RATE_THRESHOLD, "SES complaint rate above 0.1 %", notify);

        Metric api5xx = w.api().metricServerError(MetricOptions.builder().period(PERIOD).statistic("Sum").build());
        Metric api4xx = w.api().metricClientError(MetricOptions.builder().period(PERIOD).statistic("Sum").label("4xx").build());
        Metric apiCount = w.api().metricCount(MetricOptions.builder().period(PERIOD).statistic("Sum").label("requests").build());
        alarm("Api5xx", api5xx, 0, "The HTTP API answered 5xx", notify);

        this.dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(w.dashboardName()).build();
        dashboard.addWidgets(
                graph("API requests and errors", List.of(apiCount, api4xx, labelled(api5xx, "5xx"))),
                graph("Function errors", errors),
                graph("Function throttles", throttles));
        dashboard.addWidgets(
                graph("Function duration p99 (ms)", durations),
                graph("Dead-letter queue depth", dlqDepths),
                graph("SES reputation (bounce, complaint rate)", List.of(labelled(bounceRate, "bounce rate"),
                        labelled(complaintRate, "complaint rate"))));

        w.monthlyBudgetUsd().ifPresent(usd -> budget(usd, w.alarmTopic()));
    }

    /**
     * Functions outside {@link FunctionName} (notifications' preference page, erasure and SES feedback consumer), by
     * a label of lower-case words and '-': the same errors and throttles alarms as the others, and one dashboard row.
     */
    public void watchFunctions(Map<String, ? extends software.amazon.awscdk.services.lambda.IFunction> functions) {
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        functions.forEach((label, fn) -> {
            Metric e = fn.metricErrors(MetricOptions.builder().period(PERIOD).statistic("Sum").build());
            Metric t = fn.metricThrottles(MetricOptions.builder().period(PERIOD).statistic("Sum").build());
            errors.add(labelled(e, label));
            throttles.add(labelled(t, label));
            durations.add(fn.metricDuration(MetricOptions.builder().period(PERIOD).statistic("p99").label(label).build()));
            alarm(Ids.pascal(label) + "Errors", e, 0, "Function " + label + " reported errors", notify);
            alarm(Ids.pascal(label) + "Throttles", t, 0, "Function " + label + " was throttled", notify);
        });
        if (!functions.isEmpty()) {
            dashboard.addWidgets(graph("Notification endpoints: errors", errors),
                    graph("Notification endpoints: throttles", throttles),
                    graph("Notification endpoints: duration p99 (ms)", durations));
        }
    }

    private static Metric ses(String name) {
        // Account-level reputation metrics: SES publishes them without dimensions.
        return Metric.Builder.create().namespace("AWS/SES").metricName(name).statistic("Maximum")
                .period(Duration.hours(1)).build();
    }

    /** A label for the dashboard only: a labelled metric makes an alarm a metric-math alarm. */
    private static IMetric labelled(Metric metric, String label) {
        return metric.with(MetricOptions.builder().label(label).build());
    }

    private void alarm(String id, Metric metric, double threshold, String description, SnsAction action) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        alarms.put(id, alarm);
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
    }

    /** 80 % of the budget forecast and 100 % actual, to the alarm topic. */
    private void budget(int usd, Topic topic) {
        CfnBudget.SubscriberProperty subscriber = CfnBudget.SubscriberProperty.builder()
                .subscriptionType("SNS").address(topic.getTopicArn()).build();
        CfnBudget.Builder.create(this, "MonthlyBudget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder().amount(usd).unit("USD").build())
                        .build())
                .notificationsWithSubscribers(List.of(
                        notification("FORECASTED", 80, subscriber),
                        notification("ACTUAL", 100, subscriber)))
                .build();
    }

    private static CfnBudget.NotificationWithSubscribersProperty notification(String type, int percent,
                                                                              CfnBudget.SubscriberProperty subscriber) {
        return CfnBudget.NotificationWithSubscribersProperty.builder()
                .notification(CfnBudget.NotificationProperty.builder()
                        .notificationType(type).comparisonOperator("GREATER_THAN")
                        .threshold(percent).thresholdType("PERCENTAGE").build())
                .subscribers(List.of(subscriber))
                .build();
    }

    public Map<String, Alarm> alarms() {
        return Map.copyOf(alarms);
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
