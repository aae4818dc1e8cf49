package dev.lem.infra.template;

import dev.lem.infra.LemApp;
import dev.lem.infra.LemStack;
import dev.lem.infra.LemStackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * A second app, synthesized once per JVM and only by the tests that use it, with {@code lem:cdn=true} in
 * eu-west-1: the main stack with the CloudFront distribution and the {@code LemEdge} stack in us-east-1
 * with the WAF web ACL. Stage {@code dev}, so the access-log bucket is auto-deleted.
 */
final class CdnSynthesizedStack {

    private static final class Holder {
        static final CdnSynthesizedStack INSTANCE = synthesize();
    }

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final int RATE_LIMIT = 1200;

    final LemStack stack;
    final Template template;
    final Annotations annotations;
    final Stack edge;
    final Template edgeTemplate;
    final Annotations edgeAnnotations;

    private CdnSynthesizedStack(LemStack stack, Stack edge) {
        this.stack = stack;
        this.template = Template.fromStack(stack);
        this.annotations = Annotations.fromStack(stack);
        this.edge = edge;
        this.edgeTemplate = Template.fromStack(edge);
        this.edgeAnnotations = Annotations.fromStack(edge);
    }

    static CdnSynthesizedStack get() {
        return Holder.INSTANCE;
    }

    private static CdnSynthesizedStack synthesize() {
        try {
            Path root = SynthesizedStack.tempRoot();
            LemStackConfig config = LemStackConfig.withAssetRoot(SynthesizedStack.dummyAssetRoot(root))
                    .withStage("dev").withCdn(RATE_LIMIT);
            App app = App.Builder.create().outdir(root.resolve("cdk.out").toString()).build();
            LemStack stack = LemApp.createStack(app, config,
                    Environment.builder().account(ACCOUNT).region(REGION).build());
            return new CdnSynthesizedStack(stack, Stack.of(stack.webAcl().orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the asset root for synthesis", e);
        }
    }

    /** The logical id of a CloudFormation element in its own stack. */
    static String logicalId(CfnElement element) {
        Stack owner = Stack.of(element);
        return String.valueOf(owner.resolve(owner.getLogicalId(element)));
    }
}
