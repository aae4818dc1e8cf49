package dev.lem.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * The AWS WAF web ACL of the CloudFront distribution (scope {@code CLOUDFRONT}, so it must be created in
 * us-east-1): a rate-based rule blocking an IP that sends more than the limit in 5 minutes, then the AWS
 * managed common rule set (OWASP-style bad inputs). Everything else is allowed.
 */
public final class EdgeWebAcl extends Construct {

    public static final String RATE_RULE = "RateLimitPerIp";
    public static final String COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet";
    /** Seconds over which the rate-based rule counts an IP's requests. */
    static final int RATE_WINDOW_SECONDS = 300;

    private final CfnWebACL acl;

    public EdgeWebAcl(Construct scope, String id, String metricPrefix, int rateLimit) {
        super(scope, id);
        this.acl = CfnWebACL.Builder.create(this, "WebAcl")
                .description("LEM: rate limit per IP and AWS managed common rules in front of the public API")
                .scope("CLOUDFRONT")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(metricPrefix + "WebAcl"))
                .rules(List.of(
                        CfnWebACL.RuleProperty.builder()
                                .name(RATE_RULE)
                                .priority(0)
                                .statement(CfnWebACL.StatementProperty.builder()
                                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                                .limit(rateLimit)
                                                .evaluationWindowSec(RATE_WINDOW_SECONDS)
                                                .aggregateKeyType("IP")
                                                .build())
                                        .build())
                                .action(CfnWebACL.RuleActionProperty.builder()
                                        .block(CfnWebACL.BlockActionProperty.builder().build()).build())
                                .visibilityConfig(visibility(metricPrefix + RATE_RULE))
                                .build(),
                        CfnWebACL.RuleProperty.builder()
                                .name(COMMON_RULE_SET)
                                .priority(1)
                                .statement(CfnWebACL.StatementProperty.builder()
                                        .managedRuleGroupStatement(CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                                                .vendorName("AWS")
                                                .name(COMMON_RULE_SET)
                                                .build())
                                        .build())
                                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                                .visibilityConfig(visibility(metricPrefix + COMMON_RULE_SET))
                                .build()))
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metric)
                .build();
    }

    /** The ARN CloudFront's {@code WebACLId} takes for AWS WAF v2. */
    public String arn() {
        return acl.getAttrArn();
    }

    public CfnWebACL acl() {
        return acl;
    }
}
