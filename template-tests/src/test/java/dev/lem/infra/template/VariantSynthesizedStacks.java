package dev.lem.infra.template;

import dev.lem.infra.LemApp;
import dev.lem.infra.LemStack;
import dev.lem.infra.LemStackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Two more apps, each synthesized once per JVM and only by the tests that use it (like
 * {@link CdnSynthesizedStack}):
 * <ul>
 *   <li>{@link #domain()}: a custom domain without CloudFront, {@code lem:captcha=true} and {@code lem:webhooks}, in eu-west-1;</li>
 *   <li>{@link #usEast1Cdn()}: {@code lem:cdn=true} in us-east-1 (the web ACL in the main stack, no edge
 *       stack) with a custom domain on the distribution.</li>
 * </ul>
 */
final class VariantSynthesizedStacks {

    static final String ACCOUNT = "123456789012";
    static final String DOMAIN = "forms.acme.example";
    static final String EU_CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    static final String US_EAST_1_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";
    static final String CDN_DOMAIN = "go.acme.example";
    static final String WEBHOOKS = "crm=https://crm.acme.example/hooks/lem,callcentre=https://cc.acme.example/in";

    /** One synthesized main stack and the app it is in. */
    record Synth(App app, LemStack stack, Template template, Annotations annotations) {
        String logicalId(IConstruct construct) {
            IConstruct element = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
            return String.valueOf(stack.resolve(stack.getLogicalId((CfnElement) element)));
        }
    }

    private static final class Domain {
        static final Synth INSTANCE = synthesize("eu-west-1", c -> c.withPostalAddress(SynthesizedStack.POSTAL_ADDRESS)
                .withDomain(DOMAIN, EU_CERTIFICATE).withCaptcha(true).withWebhooks(WEBHOOKS));
    }

    private static final class UsEast1Cdn {
        static final Synth INSTANCE = synthesize("us-east-1", c -> c.withStage("dev").withCdn(CdnSynthesizedStack.RATE_LIMIT)
                .withDomain(CDN_DOMAIN, US_EAST_1_CERTIFICATE));
    }

    private VariantSynthesizedStacks() {}

    static Synth domain() {
        return Domain.INSTANCE;
    }

    static Synth usEast1Cdn() {
        return UsEast1Cdn.INSTANCE;
    }

    private static Synth synthesize(String region, UnaryOperator<LemStackConfig> configure) {
        try {
            Path root = SynthesizedStack.tempRoot();
            LemStackConfig config = configure.apply(LemStackConfig.withAssetRoot(SynthesizedStack.dummyAssetRoot(root)));
            App app = App.Builder.create().outdir(root.resolve("cdk.out").toString()).build();
            LemStack stack = LemApp.createStack(app, config, Environment.builder().account(ACCOUNT).region(region).build());
            return new Synth(app, stack, Template.fromStack(stack), Annotations.fromStack(stack));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the asset root for synthesis", e);
        }
    }
}
