package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.infra.LemApp;
import dev.lem.infra.LemStackConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Match;

/**
 * {@code lem:domainName} + {@code lem:certificateArn} without CloudFront ({@link VariantSynthesizedStacks#domain()},
 * eu-west-1): an API Gateway regional custom domain mapped to the default stage, and no DNS record.
 */
class CustomDomainTemplateTest {

    private final VariantSynthesizedStacks.Synth synth = VariantSynthesizedStacks.domain();

    @Test
    void customDomain_whenConfigured_isARegionalApiGatewayDomainWithTheCertificateAndTls12() {
        synth.template().resourceCountIs("AWS::ApiGatewayV2::DomainName", 1);
        synth.template().hasResourceProperties("AWS::ApiGatewayV2::DomainName", Map.of(
                "DomainName", VariantSynthesizedStacks.DOMAIN,
                "DomainNameConfigurations", List.of(Map.of(
                        "CertificateArn", VariantSynthesizedStacks.EU_CERTIFICATE,
                        "EndpointType", "REGIONAL",
                        "SecurityPolicy", "TLS_1_2"))));
    }

    @Test
    void customDomain_whenConfigured_mapsTheRootToTheDefaultStage() {
        var http = synth.stack().http();
        String api = synth.logicalId(http.api());
        String stage = synth.logicalId(http.stage());
        String domain = synth.logicalId(synth.stack().customDomain().orElseThrow());

        synth.template().resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
        Map<String, Object> resource = synth.template().findResources("AWS::ApiGatewayV2::ApiMapping")
                .values().iterator().next();
        Map<String, Object> mapping = Cfn.props(resource);
        assertThat(mapping.get("ApiId")).isEqualTo(Cfn.ref(api));
        assertThat(mapping.get("DomainName")).isEqualTo(Cfn.ref(domain));
        assertThat(mapping.get("Stage")).isEqualTo("$default");
        assertThat(mapping).doesNotContainKey("ApiMappingKey");
        // the stage is named, not referenced: the mapping must wait for it
        assertThat(Cfn.list(resource.get("DependsOn"))).contains(stage);
    }

    @Test
    void outputs_whenCustomDomain_giveTheDnsTargetAndTheDomainAsApiUrl() {
        String domain = synth.logicalId(synth.stack().customDomain().orElseThrow());

        synth.template().hasOutput("CustomDomainTarget", Match.objectLike(Map.of(
                "Value", Cfn.getAtt(domain, "RegionalDomainName"))));
        synth.template().hasOutput("CustomDomainHostedZoneId", Match.objectLike(Map.of(
                "Value", Cfn.getAtt(domain, "RegionalHostedZoneId"))));
        synth.template().hasOutput("ApiUrl", Match.objectLike(Map.of("Value", "https://" + VariantSynthesizedStacks.DOMAIN + "/")));
        synth.template().hasOutput("ExecuteApiUrl", Match.objectLike(Map.of("Value", Match.anyValue())));
    }

    @Test
    void publicBaseUrl_whenCustomDomainAndNoOverride_isTheDomain() {
        for (FunctionName name : List.of(FunctionName.FORM_CAPTURE, FunctionName.NOTIFICATIONS)) {
            assertThat(environment(name).get(EnvNames.PUBLIC_BASE_URL)).as("%s", name)
                    .isEqualTo("https://" + VariantSynthesizedStacks.DOMAIN + "/");
        }
    }

    @Test
    void dns_whenCustomDomain_isLeftToTheOperator() {
        Map<String, Object> resources = Cfn.map(synth.template().toJSON().get("Resources"));

        assertThat(resources.values()).noneSatisfy(r -> assertThat(String.valueOf(Cfn.map(r).get("Type")))
                .matches("AWS::(Route53|CloudFront|WAFv2|CertificateManager)::.*"));
    }

    @Test
    void awsSolutionsChecks_whenCustomDomainAndCaptcha_reportNothingUnsuppressed() {
        synth.annotations().hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        synth.annotations().hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    @Test
    void defaultStack_whenNoDomain_hasNoCustomDomainOrItsOutputs() {
        SynthesizedStack plain = SynthesizedStack.get();

        plain.template.resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
        plain.template.resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 0);
        assertThat(plain.template.findOutputs("CustomDomainTarget")).isEmpty();
        assertThat(plain.stack.customDomain()).isEmpty();
    }

    @Test
    void createStack_whenTheCertificateIsNotInTheStacksRegion_failsNamingBoth() throws Exception {
        LemStackConfig config = LemStackConfig.withAssetRoot(SynthesizedStack.dummyAssetRoot(SynthesizedStack.tempRoot()))
                .withDomain(VariantSynthesizedStacks.DOMAIN, VariantSynthesizedStacks.EU_CERTIFICATE);

        assertThatThrownBy(() -> LemApp.createStack(new App(), config,
                Environment.builder().region("us-west-2").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us-west-2").hasMessageContaining("eu-west-1")
                .hasMessageContaining(LemStackConfig.CERTIFICATE_ARN);
    }

    private Map<String, Object> environment(FunctionName name) {
        return Cfn.map(Cfn.map(function(name).get("Environment")).get("Variables"));
    }

    private Map<String, Object> function(FunctionName name) {
        return synth.template().findResources("AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(fn -> name.handler().equals(fn.get("Handler"))).findFirst().orElseThrow();
    }
}
