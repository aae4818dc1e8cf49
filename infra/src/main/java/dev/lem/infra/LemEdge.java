package dev.lem.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The us-east-1 part of LEM with {@code lem:cdn=true}: the WAF web ACL of the CloudFront distribution,
 * which AWS only accepts in us-east-1. The main stack reads its ARN through a cross-region reference
 * (CDK writes it to an SSM parameter here and reads it there), so both stacks set
 * {@code crossRegionReferences}. Not created when the main stack is itself in us-east-1.
 */
public final class LemEdge extends Stack {

    public static final String REGION = "us-east-1";

    private final EdgeWebAcl webAcl;

    public LemEdge(Construct scope, String id, StackProps props, LemStackConfig config) {
        super(scope, id, props);
        this.webAcl = new EdgeWebAcl(this, "Waf", metricPrefix(config), config.wafRateLimit());
    }

    static String metricPrefix(LemStackConfig config) {
        return Ids.pascal(config.name("lem-"));
    }

    public EdgeWebAcl webAcl() {
        return webAcl;
    }
}
