package dev.lem.infra;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.events.EventSource;
import dev.lem.events.RuleDefinition;
import dev.lem.queue.QueueDefinition;
import dev.lem.store.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.BaseArchiveProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * LEM in one stack (DESIGN §1): the lead table, the work queues, the event bus and its rules, drip
 * scheduling, the six functions and the public HTTP API, the SNS topics, alarms and dashboard; with
 * {@code lem:cdn=true}, CloudFront and AWS WAF in front of the API (the web ACL in {@link LemEdge} unless
 * this stack is in us-east-1). Everything
 * is built from the definitions in {@code shared}, so local engines, tests and AWS agree.
 */
public final class LemStack extends Stack {

    private final LeadTable table;
    private final WorkQueues queues;
    private final EventBus bus;
    private final Archive archive;
    private final OpsTopics topics;
    private final Operations operations;
    private final HmacKeys keys;
    private final DripScheduling scheduling;
    private final MessageChannels channels;
    private final LemFunctions functions;
    private final EventRouting routing;
    private final ReportingRoute reportingRoute;
    private final HttpEndpoints http;
    private final AdminApi adminApi;
    private final JourneyAdminApi journeyAdminApi;
    private final EdgeWebAcl webAcl;
    private final EdgeDistribution cdn;
    private final DomainName customDomain;
    private final Secret captchaSecret;

    public LemStack(Construct scope, String id, StackProps props, LemStackConfig config) {
        this(scope, id, props, config, null);
    }

    /**
     * @param edgeWebAcl with {@code lem:cdn=true} outside us-east-1, the web ACL of the {@link LemEdge} stack;
     *                   null otherwise (in us-east-1 this stack creates the web ACL itself)
     */
    public LemStack(Construct scope, String id, StackProps props, LemStackConfig config, EdgeWebAcl edgeWebAcl) {
        super(scope, id, props);
        this.table = new LeadTable(this, "LeadTable", TableDefinition.LEM);
        this.queues = new WorkQueues(this, "WorkQueues", QueueDefinition.ALL);
        this.bus = EventBus.Builder.create(this, "Bus").eventBusName(config.name(EventSource.BUS_NAME)).build();
        // Every event this account puts on the bus, kept for replay (a fixed rule, a new campaign).
        this.archive = bus.archive("Archive", BaseArchiveProps.builder()
                .description("Every event on the LEM bus, for replay")
                .eventPattern(EventPattern.builder().account(List.of(Aws.ACCOUNT_ID)).build())
                .retention(Duration.days(config.archiveRetentionDays()))
                .build());
        this.keys = new HmacKeys(this, "HmacKeys");
        this.captchaSecret = config.captcha() ? captchaSecret(this) : null;
        this.scheduling = new DripScheduling(this, "DripScheduling", config.name("lem-timers"));
        this.topics = new OpsTopics(this, "Topics");
        this.channels = new MessageChannels(this, "MessageChannels", config.mailFrom(), config.mailFromDomain(),
                topics.sesFeedback());
        this.functions = new LemFunctions(this, "Functions", new LemFunctions.Resources(config,
                table, queues, bus, keys, scheduling, channels, Optional.ofNullable(captchaSecret)));
        if (!config.webhooks().isEmpty()) {
            new NotificationWebhooks(this, NotificationWebhooks.ID, config, functions);
        }
        // the predictive score's learning loop: model bucket, outcome rows, weekly training; scoring reads the bucket
        new PredictiveTraining(this, PredictiveTraining.ID, new LemFunctions.Resources(config, table, queues, bus, keys,
                scheduling, channels), bus, functions.role(FunctionName.SCORING), functions.function(FunctionName.SCORING));
        this.routing = new EventRouting(this, "EventRouting", bus, RuleDefinition.ALL,
                Map.of(RuleDefinition.RuleTarget.ROUTER, functions.alias(FunctionName.ROUTER)));
        this.reportingRoute = new ReportingRoute(this, "ReportingRoute", bus,
                queues.queue(dev.lem.queue.QueueDefinition.REPORTING), routing.deadLetterQueue());
        this.http = new HttpEndpoints(this, "HttpEndpoints", functions.alias(FunctionName.FORM_CAPTURE),
                functions.alias(FunctionName.TRACKING), config.allowedOrigins());
        // offline and call-centre activity: IAM-authorised (SigV4), never public
        http.adminRoute("/activities", HttpMethod.POST,
                new HttpLambdaIntegration("Activities", functions.alias(FunctionName.ACTIVITIES)));
        this.adminApi = new AdminApi(this, "AdminApi", http, functions.alias(FunctionName.API));
        this.journeyAdminApi = new JourneyAdminApi(this, "JourneyAdminApi", http, functions.alias(FunctionName.JOURNEYS));
        // outcomes from a CRM or call centre: IAM-authorised too
        http.adminRoute("/outcomes", HttpMethod.POST,
                new HttpLambdaIntegration("Outcomes", functions.alias(FunctionName.OUTCOMES)));
        if (config.cdn()) {
            this.webAcl = edgeWebAcl != null ? edgeWebAcl
                    : new EdgeWebAcl(this, "Waf", LemEdge.metricPrefix(config), config.wafRateLimit());
            this.cdn = new EdgeDistribution(this, "Cdn", http.api(), webAcl.arn(), config);
        } else {
            this.webAcl = null;
            this.cdn = null;
        }
        if (config.domainName().isPresent() && cdn == null) {
            String certificateRegion = LemStackConfig.certificateRegion(config.certificateArn().orElseThrow()).orElseThrow();
            if (!Token.isUnresolved(getRegion()) && !getRegion().equals(certificateRegion)) {
                throw new IllegalArgumentException("An API Gateway regional custom domain needs an ACM certificate in "
                        + "the stack's region " + getRegion() + ": " + LemStackConfig.CERTIFICATE_ARN + " is in "
                        + certificateRegion);
            }
            this.customDomain = http.addCustomDomain(config.domainName().get(), config.certificateArn().get());
        } else {
            this.customDomain = null;
        }
        String publicUrl = config.domainName().map(d -> "https://" + d + "/")
                .orElse(cdn != null ? cdn.url() : http.url());
        // Tracked links (notifications) and double opt-in confirmation links (form-capture): the same base.
        String publicBaseUrl = config.publicBaseUrl().orElse(publicUrl);
        functions.addEnvironment(FunctionName.NOTIFICATIONS, EnvNames.PUBLIC_BASE_URL, publicBaseUrl);
        functions.addEnvironment(FunctionName.FORM_CAPTURE, EnvNames.PUBLIC_BASE_URL, publicBaseUrl);
        NotificationEndpoints endpoints = new NotificationEndpoints(this, NotificationEndpoints.ID,
                new LemFunctions.Resources(config, table, queues, bus, keys, scheduling, channels), http, publicBaseUrl);
        SesFeedbackConsumer feedback = new SesFeedbackConsumer(this, SesFeedbackConsumer.ID, new LemFunctions.Resources(
                config, table, queues, bus, keys, scheduling, channels), topics.sesFeedback());
        this.operations = new Operations(this, "Operations", new Operations.Watched(deadLetterQueues(),
                functions.functions(), http.api(), topics.alarms(), config.name("lem-operations"),
                config.monthlyBudgetUsd(), config.alarmEmail()));
        Map<String, software.amazon.awscdk.services.lambda.Function> endpointFunctions = new LinkedHashMap<>();
        endpointFunctions.put("preferences", endpoints.preferences());
        endpointFunctions.put("erasure", endpoints.erasure());
        endpointFunctions.put("ses-feedback", feedback.function());
        if (getNode().tryFindChild(PredictiveTraining.ID) instanceof PredictiveTraining predictive) {
            endpointFunctions.put("outcome-rows", predictive.outcomeRows());
            endpointFunctions.put("training", predictive.training());
        }
        operations.watchFunctions(endpointFunctions); // in this order: the template stays the same synth after synth
        if (!config.stage().isEmpty()) {
            Tags.of(this).add("lem:stage", config.stage());
        }
        NagFindings.suppressJustified(this);

        CfnOutput.Builder.create(this, "ApiUrl").value(publicUrl)
                .description(config.domainName().isPresent()
                        ? "Base URL of the public endpoints (forms, tracking): the custom domain (create its DNS record)"
                        : cdn != null ? "Base URL of the public endpoints (forms, tracking): the CloudFront distribution"
                        : "Base URL of the public endpoints (forms, tracking)").build();
        if (customDomain != null) {
            CfnOutput.Builder.create(this, "CustomDomainTarget").value(customDomain.getRegionalDomainName())
                    .description("Point " + config.domainName().get() + " here: a CNAME (or a Route 53 alias with "
                            + "CustomDomainHostedZoneId); the stack creates no DNS record").build();
            CfnOutput.Builder.create(this, "CustomDomainHostedZoneId").value(customDomain.getRegionalHostedZoneId())
                    .description("Hosted zone of CustomDomainTarget, for a Route 53 alias record").build();
            CfnOutput.Builder.create(this, "ExecuteApiUrl").value(http.url())
                    .description("The HTTP API's own URL (the custom domain maps to its default stage)").build();
        }
        if (cdn != null && config.domainName().isPresent()) {
            CfnOutput.Builder.create(this, "CustomDomainTarget").value(cdn.distribution().getDistributionDomainName())
                    .description("Point " + config.domainName().get() + " here: a CNAME (or a Route 53 alias to the "
                            + "distribution); the stack creates no DNS record").build();
        }
        if (cdn != null) {
            CfnOutput.Builder.create(this, "ExecuteApiUrl").value(http.url())
                    .description("The HTTP API's own URL, CloudFront's origin (not behind AWS WAF)").build();
            CfnOutput.Builder.create(this, "DistributionId").value(cdn.distribution().getDistributionId())
                    .description("The CloudFront distribution in front of the API").build();
        }
        CfnOutput.Builder.create(this, "TableName").value(table.table().getTableName())
                .description("The LEM DynamoDB table").build();
        CfnOutput.Builder.create(this, "BusName").value(bus.getEventBusName())
                .description("The LEM event bus: put campaign.trigger events here").build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(topics.alarms().getTopicArn())
                .description("SNS topic of every LEM alarm: subscribe your on-call here").build();
        CfnOutput.Builder.create(this, "SesFeedbackTopicArn").value(topics.sesFeedback().getTopicArn())
                .description("SNS topic of SES bounces, complaints, deliveries, opens and clicks").build();
        CfnOutput.Builder.create(this, "SesConfigurationSet").value(channels.configurationSetName())
                .description("SES configuration set LEM sends through").build();
        CfnOutput.Builder.create(this, "DashboardName").value(operations.dashboard().getDashboardName())
                .description("CloudWatch dashboard").build();
    }

    /**
     * {@code lem:captcha=true}: an empty secret for the Turnstile secret key, which Cloudflare issues; the
     * operator puts it there (form-capture reads it at cold start). Retained like the HMAC keys.
     */
    private static Secret captchaSecret(Construct scope) {
        Secret secret = Secret.Builder.create(scope, "CaptchaSecret")
                .description("LEM form-capture: the Cloudflare Turnstile secret key. Created EMPTY: put the secret "
                        + "key of your Turnstile widget here (aws secretsmanager put-secret-value --secret-string "
                        + "<key>); form-capture cannot start until it has a value")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // Secret generates a random value unless told otherwise; CloudFormation creates a secret without a value
        // when neither GenerateSecretString nor SecretString is given.
        ((CfnSecret) secret.getNode().getDefaultChild()).addPropertyDeletionOverride("GenerateSecretString");
        return secret;
    }

    /** Every dead-letter queue of the stack, by a short name: work queues', rule targets', async, scheduler. */
    public Map<String, Queue> deadLetterQueues() {
        Map<String, Queue> dlqs = new LinkedHashMap<>();
        dev.lem.queue.QueueDefinition.ALL.forEach(d -> dlqs.put(d.deadLetterName(), queues.deadLetterQueue(d)));
        dlqs.put("rule-targets-dlq", routing.deadLetterQueue());
        dlqs.put("async-invocations-dlq", functions.asyncFailures());
        dlqs.put("scheduler-dlq", scheduling.deadLetterQueue());
        if (getNode().tryFindChild(SesFeedbackConsumer.ID) instanceof SesFeedbackConsumer feedback) {
            dlqs.put("ses-feedback-dlq", feedback.deadLetterQueue());
        }
        if (getNode().tryFindChild(PredictiveTraining.ID) instanceof PredictiveTraining predictive) {
            dlqs.put("training-dlq", predictive.deadLetterQueue());
        }
        return dlqs;
    }

    public Archive archive() {
        return archive;
    }

    public OpsTopics topics() {
        return topics;
    }

    public Operations operations() {
        return operations;
    }

    public LeadTable table() {
        return table;
    }

    public WorkQueues queues() {
        return queues;
    }

    public EventBus bus() {
        return bus;
    }

    public HmacKeys keys() {
        return keys;
    }

    public DripScheduling scheduling() {
        return scheduling;
    }

    public MessageChannels channels() {
        return channels;
    }

    public LemFunctions functions() {
        return functions;
    }

    public ReportingRoute reportingRoute() {
        return reportingRoute;
    }

    public EventRouting routing() {
        return routing;
    }

    public JourneyAdminApi journeyAdminApi() {
        return journeyAdminApi;
    }

    public AdminApi adminApi() {
        return adminApi;
    }

    public HttpEndpoints http() {
        return http;
    }

    /** The API Gateway custom domain, with {@code lem:domainName} and without {@code lem:cdn}. */
    public Optional<DomainName> customDomain() {
        return Optional.ofNullable(customDomain);
    }

    /** The (operator-filled) webhook signing key, with {@code lem:webhooks}. */
    public Optional<Secret> webhookSigningKey() {
        return getNode().tryFindChild(NotificationWebhooks.ID) instanceof NotificationWebhooks webhooks
                ? Optional.of(webhooks.signingKey()) : Optional.empty();
    }

    /** The (operator-filled) Turnstile secret, with {@code lem:captcha=true}. */
    public Optional<Secret> captchaSecret() {
        return Optional.ofNullable(captchaSecret);
    }

    /** The CloudFront distribution, with {@code lem:cdn=true}. */
    public Optional<EdgeDistribution> cdn() {
        return Optional.ofNullable(cdn);
    }

    /** The WAF web ACL of the distribution (in this stack in us-east-1, else in {@link LemEdge}), with {@code lem:cdn=true}. */
    public Optional<EdgeWebAcl> webAcl() {
        return Optional.ofNullable(webAcl);
    }
}
