package dev.lem.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.constructs.IConstruct;

/**
 * The CDK app. The CDK CLI runs it through {@code infra/cdk.json}, from {@code infra/}:
 * <pre>
 * ./mvnw -B install                      # builds the function jars the stack deploys
 * cd infra && npx aws-cdk@2.1148.1 synth
 * cd infra && npx aws-cdk@2.1148.1 deploy -c lem:mailFrom=no-reply@your-domain.example
 * </pre>
 * The function jars are found under the repository root (see {@link LemStackConfig#fromContext}) unless
 * {@code -c lem:assetRoot=<folder>} says otherwise; the other context keys are listed in
 * {@link LemStackConfig}. The stack is environment-agnostic (account and region come from the
 * credentials at deploy time) unless {@code -c lem:region=<region>} is given or {@code -c lem:cdn=true}:
 * CloudFront's WAF web ACL must be created in us-east-1, by a second stack ({@link LemEdge}) the main stack
 * references across regions, which needs both stacks' regions at synth time ({@code lem:region}, else
 * {@code CDK_DEFAULT_REGION}, which the CDK CLI sets from the profile).
 */
public final class LemApp {

    public static final String STACK_ID = "Lem";
    public static final String EDGE_STACK_ID = "LemEdge";

    private LemApp() {}

    public static void main(String[] args) {
        App app = new App();
        LemStackConfig config = LemStackConfig.fromContext(app.getNode());
        createStack(app, config, environment(config, System.getenv()));
        app.synth();
    }

    /** The stack(s), with the region of {@code -c lem:region} if any (no account); see {@link #createStack(App, LemStackConfig, Environment)}. */
    public static LemStack createStack(App app, LemStackConfig config) {
        return createStack(app, config, config.region()
                .map(r -> Environment.builder().region(r).build()).orElse(null));
    }

    /**
     * The stack with cdk-nag's AWS Solutions checks applied; tests build it the same way. With
     * {@code lem:cdn=true} outside us-east-1, also the {@link LemEdge} stack in us-east-1 (same account),
     * returned as {@code Stack.of(stack.webAcl().get())}.
     *
     * @param env null for an environment-agnostic stack
     * @throws IllegalArgumentException with {@code lem:cdn=true} and no region in {@code env}
     */
    public static LemStack createStack(App app, LemStackConfig config, Environment env) {
        StackProps.Builder props = StackProps.builder()
                .description("LEM: serverless lead experience management")
                .env(env);
        EdgeWebAcl edgeWebAcl = null;
        if (config.cdn()) {
            String region = env == null ? null : env.getRegion();
            if (region == null || Token.isUnresolved(region)) {
                throw new IllegalArgumentException(LemStackConfig.CDN + "=true needs the stack's region at synth time "
                        + "(CloudFront's WAF web ACL is created in " + LemEdge.REGION + " and referenced across regions): "
                        + "set CDK_DEFAULT_REGION (the CDK CLI sets it from your AWS profile) or pass -c "
                        + LemStackConfig.REGION + "=<region>");
            }
            if (!LemEdge.REGION.equals(region)) {
                LemEdge edge = new LemEdge(app, config.name(EDGE_STACK_ID), StackProps.builder()
                        .description("LEM: the AWS WAF web ACL of the CloudFront distribution (us-east-1)")
                        .env(Environment.builder().account(env.getAccount()).region(LemEdge.REGION).build())
                        .crossRegionReferences(true)
                        .build(), config);
                edgeWebAcl = edge.webAcl();
                props.crossRegionReferences(true);
            }
        }
        LemStack stack = new LemStack(app, config.name(STACK_ID), props.build(), config, edgeWebAcl);
        if (edgeWebAcl != null) {
            stack.addDependency(Stack.of(edgeWebAcl), "the WAF web ACL of the distribution");
        }
        applyChecks(app);
        return stack;
    }

    /**
     * The environment {@link #main} deploys to: {@code lem:region}, else with {@code lem:cdn=true} the CDK
     * CLI's {@code CDK_DEFAULT_REGION}, and then {@code CDK_DEFAULT_ACCOUNT}; null (environment-agnostic)
     * when there is no region to use.
     */
    static Environment environment(LemStackConfig config, Map<String, String> variables) {
        String region = config.region().orElse(config.cdn() ? blankToNull(variables.get("CDK_DEFAULT_REGION")) : null);
        if (region == null) {
            return null;
        }
        return Environment.builder().account(blankToNull(variables.get("CDK_DEFAULT_ACCOUNT"))).region(region).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static void applyChecks(IConstruct scope) {
        Aspects.of(scope).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }
}
