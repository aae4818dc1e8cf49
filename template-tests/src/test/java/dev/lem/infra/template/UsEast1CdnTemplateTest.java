package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.EnvNames;
import dev.lem.infra.LemEdge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;

/**
 * {@code lem:cdn=true} with the main stack in us-east-1 ({@link VariantSynthesizedStacks#usEast1Cdn()}): the
 * web ACL is in the main stack, there is no edge stack and no cross-region reference; and the custom domain
 * on the distribution ({@code lem:domainName} with a us-east-1 certificate).
 */
class UsEast1CdnTemplateTest {

    private final VariantSynthesizedStacks.Synth synth = VariantSynthesizedStacks.usEast1Cdn();

    @Test
    void stacks_whenCdnIsOnInUsEast1_areOnlyTheMainStackHoldingTheWebAcl() {
        assertThat(synth.stack().getRegion()).isEqualTo(LemEdge.REGION);
        assertThat(synth.app().getNode().getChildren()).filteredOn(Stack.class::isInstance).containsExactly(synth.stack());
        assertThat(Stack.of(synth.stack().webAcl().orElseThrow())).isSameAs(synth.stack());
        assertThat(synth.stack().getDependencies()).isEmpty();
        synth.template().resourceCountIs("AWS::WAFv2::WebACL", 1);
        synth.template().resourceCountIs("AWS::CloudFront::Distribution", 1);
        synth.template().resourceCountIs("Custom::CrossRegionExportReader", 0);
        synth.template().resourceCountIs("Custom::CrossRegionExportWriter", 0);
    }

    @Test
    void distribution_whenCdnIsOnInUsEast1_isProtectedByTheWebAclOfTheSameStack() {
        String acl = synth.logicalId(synth.stack().webAcl().orElseThrow().acl());

        assertThat(distributionConfig().get("WebACLId")).isEqualTo(Cfn.getAtt(acl, "Arn"));
        synth.template().hasResourceProperties("AWS::WAFv2::WebACL", Match.objectLike(Map.of(
                "Scope", "CLOUDFRONT",
                "Rules", Match.arrayWith(List.of(Match.objectLike(Map.of("Statement", Map.of("RateBasedStatement",
                        Match.objectLike(Map.of("Limit", CdnSynthesizedStack.RATE_LIMIT, "AggregateKeyType", "IP"))))))))));
    }

    @Test
    void distribution_whenCustomDomain_servesItWithTheUsEast1CertificateAndTls12() {
        Map<String, Object> config = distributionConfig();

        assertThat(Cfn.list(config.get("Aliases"))).containsExactly(VariantSynthesizedStacks.CDN_DOMAIN);
        assertThat(Cfn.map(config.get("ViewerCertificate")))
                .containsEntry("AcmCertificateArn", VariantSynthesizedStacks.US_EAST_1_CERTIFICATE)
                .containsEntry("SslSupportMethod", "sni-only")
                .containsEntry("MinimumProtocolVersion", "TLSv1.2_2021");
        // the domain is CloudFront's: no API Gateway custom domain as well
        synth.template().resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
        synth.template().resourceCountIs("AWS::Route53::RecordSet", 0);
    }

    @Test
    void outputs_whenCdnWithCustomDomain_giveTheDistributionAsDnsTargetAndTheDomainAsApiUrl() {
        String distribution = synth.logicalId((CfnElement) synth.stack().cdn().orElseThrow().distribution()
                .getNode().getDefaultChild());
        String url = "https://" + VariantSynthesizedStacks.CDN_DOMAIN + "/";

        synth.template().hasOutput("CustomDomainTarget", Match.objectLike(Map.of(
                "Value", Cfn.getAtt(distribution, "DomainName"))));
        synth.template().hasOutput("ApiUrl", Match.objectLike(Map.of("Value", url)));
        synth.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(EnvNames.PUBLIC_BASE_URL, url))))));
    }

    @Test
    void awsSolutionsChecks_whenCdnWithCustomDomain_reportNothingUnsuppressedAndNeedNoCfr4Suppression() {
        synth.annotations().hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        synth.annotations().hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        Map<String, Object> distribution = synth.template().findResources("AWS::CloudFront::Distribution")
                .values().iterator().next();
        assertThat(String.valueOf(distribution.get("Metadata"))).doesNotContain("AwsSolutions-CFR4");
    }

    private Map<String, Object> distributionConfig() {
        Map<String, Map<String, Object>> distributions = synth.template().findResources("AWS::CloudFront::Distribution");
        assertThat(distributions).hasSize(1);
        return Cfn.map(Cfn.props(distributions.values().iterator().next()).get("DistributionConfig"));
    }
}
