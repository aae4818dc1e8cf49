package dev.lem.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
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
 * {@link LemStackConfig}. The stack is environment-agnostic: account and region come from the
 * credentials at deploy time.
 */
public final class LemApp {

    public static final String STACK_ID = "Lem";

    private LemApp() {}

    public static void main(String[] args) {
        App app = new App();
        LemStackConfig config = LemStackConfig.fromContext(app.getNode());
        createStack(app, config);
        app.synth();
    }

    /** The stack with cdk-nag's AWS Solutions checks applied; tests build it the same way. */
    public static LemStack createStack(App app, LemStackConfig config) {
        LemStack stack = new LemStack(app, config.name(STACK_ID), StackProps.builder()
                .description("LEM: serverless lead experience management")
                .build(), config);
        applyChecks(app);
        return stack;
    }

    static void applyChecks(IConstruct scope) {
        Aspects.of(scope).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }
}
