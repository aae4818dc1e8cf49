package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.EnvNames;
import dev.lem.infra.LemApp;
import dev.lem.infra.LemEdge;
import dev.lem.infra.LemStackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code lem:cdn=true}: CloudFront in front of the API and the AWS WAF web ACL in the us-east-1 edge
 * stack ({@link CdnSynthesizedStack}); and, in the default stack, none of it.
 */
class CdnTemplateTest {

    private static final String MANAGED_CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String MANAGED_CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String MANAGED_ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    private final CdnSynthesizedStack cdn = CdnSynthesizedStack.get();

    @Test
    void stacks_whenCdnIsOn_areTheMainStackAndAnEdgeStackInUsEast1() {
        assertThat(cdn.stack.getRegion()).isEqualTo(CdnSynthesizedStack.REGION);
        assertThat(cdn.edge).isInstanceOf(LemEdge.class).isNotSameAs(cdn.stack);
        assertThat(cdn.edge.getRegion()).isEqualTo("us-east-1");
        assertThat(cdn.edge.getAccount()).isEqualTo(CdnSynthesizedStack.ACCOUNT);
        assertThat(cdn.edge.getStackName()).isEqualTo("dev-LemEdge");
        assertThat(cdn.stack.getDependencies()).contains(cdn.edge);
        cdn.edgeTemplate.resourceCountIs("AWS::WAFv2::WebACL", 1);
        cdn.template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        cdn.template.resourceCountIs("AWS::CloudFront::Distribution", 1);
    }

    @Test
    void distribution_whenSynthesized_hasTheApiAsItsHttpsOnlyOrigin() {
        Map<String, Object> config = distributionConfig();
        List<Object> origins = Cfn.list(config.get("Origins"));
        assertThat(origins).hasSize(1);
        Map<String, Object> origin = Cfn.map(origins.getFirst());

        assertThat(Cfn.map(origin.get("CustomOriginConfig"))).containsEntry("OriginProtocolPolicy", "https-only");
        String apiId = CdnSynthesizedStack.logicalId((CfnElement) cdn.stack.http().api().getNode().getDefaultChild());
        assertThat(origin.get("DomainName")).isEqualTo(Map.of("Fn::Select", List.of(2,
                Map.of("Fn::Split", List.of("/", Cfn.getAtt(apiId, "ApiEndpoint"))))));
    }

    @Test
    void defaultBehaviour_whenSynthesized_forwardsEveryMethodUncachedOverHttpsOnly() {
        Map<String, Object> behaviour = Cfn.map(distributionConfig().get("DefaultCacheBehavior"));

        assertThat(behaviour).containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("CachePolicyId", MANAGED_CACHING_DISABLED)
                .containsEntry("OriginRequestPolicyId", MANAGED_ALL_VIEWER_EXCEPT_HOST);
        assertThat(Cfn.list(behaviour.get("AllowedMethods")))
                .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");
    }

    @Test
    void scriptBehaviour_whenSynthesized_cachesOnlyLemJs() {
        List<Object> behaviours = Cfn.list(distributionConfig().get("CacheBehaviors"));

        assertThat(behaviours).hasSize(1);
        assertThat(Cfn.map(behaviours.getFirst())).containsEntry("PathPattern", "/t/lem.js")
                .containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("CachePolicyId", MANAGED_CACHING_OPTIMIZED);
    }

    @Test
    void accessLogs_whenSynthesized_goToAnEncryptedTlsOnlyBucket() {
        Map<String, Object> logging = Cfn.map(distributionConfig().get("Logging"));
        String bucketId = Cfn.target(logging.get("Bucket"));
        Map<String, Object> bucket = cdn.template.findResources("AWS::S3::Bucket").get(bucketId);

        assertThat(bucket).as("log bucket %s", bucketId).isNotNull();
        assertThat(Cfn.props(bucket)).containsKey("BucketEncryption");
        assertThat(Cfn.map(Cfn.props(bucket).get("PublicAccessBlockConfiguration")))
                .containsEntry("BlockPublicAcls", true).containsEntry("RestrictPublicBuckets", true);
        cdn.template.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
                "Bucket", Cfn.ref(bucketId),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        // stage dev: emptied and deleted with the stack (prod and the stage-less stack keep it)
        assertThat(bucket.get("DeletionPolicy")).isEqualTo("Delete");
        cdn.template.resourceCountIs("Custom::S3AutoDeleteObjects", 1);
    }

    @Test
    void webAcl_whenSynthesized_rateLimitsEachIpAndAppliesTheCommonRuleSet() {
        Map<String, Object> props = Cfn.props(webAclResource());
        List<Map<String, Object>> rules = Cfn.list(props.get("Rules")).stream().map(Cfn::map).toList();

        assertThat(props).containsEntry("Scope", "CLOUDFRONT");
        assertThat(Cfn.map(props.get("DefaultAction"))).containsKey("Allow");
        assertThat(rules).anySatisfy(rule -> {
            Map<String, Object> rate = Cfn.map(Cfn.map(rule.get("Statement")).get("RateBasedStatement"));
            assertThat(Cfn.integer(rate.get("Limit"))).isEqualTo(CdnSynthesizedStack.RATE_LIMIT);
            assertThat(rate).containsEntry("AggregateKeyType", "IP");
            assertThat(Cfn.integer(rate.get("EvaluationWindowSec"))).isEqualTo(300);
            assertThat(Cfn.map(rule.get("Action"))).containsKey("Block");
        });
        assertThat(rules).anySatisfy(rule -> assertThat(Cfn.map(Cfn.map(rule.get("Statement"))
                .get("ManagedRuleGroupStatement")))
                .containsEntry("VendorName", "AWS").containsEntry("Name", "AWSManagedRulesCommonRuleSet"));
    }

    @Test
    void distribution_whenSynthesized_isProtectedByTheEdgeStacksWebAcl() {
        String aclId = CdnSynthesizedStack.logicalId(cdn.stack.webAcl().orElseThrow().acl());
        Object webAclId = distributionConfig().get("WebACLId");

        // CDK's cross-region reference: the edge stack writes the ARN to an SSM parameter, the main stack reads it
        Map<String, Object> writer = Cfn.props(cdn.edgeTemplate.findResources("Custom::CrossRegionExportWriter")
                .values().iterator().next());
        Map<String, Object> exports = Cfn.map(Cfn.map(writer.get("WriterProps")).get("exports"));
        String parameter = exports.entrySet().stream()
                .filter(e -> e.getValue().equals(Cfn.getAtt(aclId, "Arn"))).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no export of the web ACL's ARN in " + exports));
        String readerId = Cfn.target(webAclId);
        assertThat(cdn.template.findResources("Custom::CrossRegionExportReader")).containsKey(readerId);
        assertThat(webAclId).isEqualTo(Cfn.getAtt(readerId, parameter));
    }

    @Test
    void publicBaseUrl_whenCdnIsOn_isTheDistributionsDomain() {
        String distributionId = CdnSynthesizedStack.logicalId(
                (CfnElement) cdn.stack.cdn().orElseThrow().distribution().getNode().getDefaultChild());
        Map<String, Object> url = Map.of("Fn::Join", List.of("", List.of("https://",
                Cfn.getAtt(distributionId, "DomainName"), "/")));

        cdn.template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(EnvNames.PUBLIC_BASE_URL, url))))));
        cdn.template.hasOutput("ApiUrl", Match.objectLike(Map.of("Value", url)));
    }

    @Test
    void awsSolutionsChecks_whenCdnIsOn_reportNoUnsuppressedErrorInEitherStack() {
        cdn.annotations.hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        cdn.edgeAnnotations.hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        cdn.annotations.hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        cdn.edgeAnnotations.hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    @Test
    void nagSuppressions_whenCdnIsOn_eachGiveAReason() {
        for (Template template : List.of(cdn.template, cdn.edgeTemplate)) {
            Cfn.map(template.toJSON().get("Resources")).values().forEach(r -> {
                Object metadata = Cfn.map(r).get("Metadata");
                if (metadata != null && Cfn.map(metadata).get("cdk_nag") instanceof Map<?, ?> nag) {
                    Cfn.list(nag.get("rules_to_suppress")).forEach(x -> assertThat(
                            String.valueOf(Cfn.map(x).get("reason"))).as("reason for %s", x).hasSizeGreaterThan(30));
                }
            });
        }
    }

    @Test
    void defaultStack_whenCdnIsOff_hasNoCloudFrontOrWaf() {
        SynthesizedStack synth = SynthesizedStack.get();
        Map<String, Object> resources = Cfn.map(synth.template.toJSON().get("Resources"));

        assertThat(resources.values()).noneSatisfy(r -> assertThat(String.valueOf(Cfn.map(r).get("Type")))
                .matches("AWS::(CloudFront|WAFv2)::.*|Custom::CrossRegion.*"));
        assertThat(synth.stack.cdn()).isEmpty();
        assertThat(synth.stack.webAcl()).isEmpty();
        assertThat(synth.stack.getNode().getRoot().getNode().getChildren()).filteredOn(Stack.class::isInstance).hasSize(1);
    }

    @Test
    void createStack_whenCdnIsOnWithoutARegion_failsNamingBothWaysToSetIt() {
        LemStackConfig config = LemStackConfig.withAssetRoot(Path.of("/tmp/lem-no-assets")).withCdn(2000);

        assertThatThrownBy(() -> LemApp.createStack(new App(), config, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CDK_DEFAULT_REGION").hasMessageContaining(LemStackConfig.REGION);
    }

    private Map<String, Object> distributionConfig() {
        Map<String, Map<String, Object>> distributions = cdn.template.findResources("AWS::CloudFront::Distribution");
        assertThat(distributions).hasSize(1);
        return Cfn.map(Cfn.props(distributions.values().iterator().next()).get("DistributionConfig"));
    }

    private Map<String, Object> webAclResource() {
        Map<String, Map<String, Object>> acls = cdn.edgeTemplate.findResources("AWS::WAFv2::WebACL");
        assertThat(acls).hasSize(1);
        return acls.values().iterator().next();
    }
}
