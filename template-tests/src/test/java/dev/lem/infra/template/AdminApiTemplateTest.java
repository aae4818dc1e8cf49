package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.FunctionName;
import dev.lem.infra.AdminApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin read routes: IAM-authorised, served by the api function, and a read-only policy to call them. */
class AdminApiTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    private List<Map<String, Object>> adminRoutes() {
        return synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(Cfn::props)
                .filter(p -> String.valueOf(p.get("RouteKey")).startsWith("GET /leads")
                        || String.valueOf(p.get("RouteKey")).startsWith("GET /reports"))
                .toList();
    }

    @Test
    void routes_whenSynthesized_areTheLeadReadsAndReportsAndEachNeedsIam() {
        assertThat(adminRoutes()).extracting(p -> p.get("RouteKey"))
                .containsExactlyInAnyOrder("GET /leads", "GET /leads/{id}", "GET /leads/{id}/score",
                        "GET /reports/funnel", "GET /reports/velocity", "GET /reports/journeys", "GET /reports/cost",
                        "GET /reports/dashboard");
        assertThat(adminRoutes()).allSatisfy(p -> assertThat(p.get("AuthorizationType")).isEqualTo("AWS_IAM"));
        assertThat(AdminApi.READ_ROUTES).hasSize(8);
    }

    @Test
    void routes_whenSynthesized_integrateWithTheApiFunctionsAlias() {
        String alias = synth.logicalId(synth.stack.functions().alias(FunctionName.API));
        Map<String, Map<String, Object>> integrations = synth.resources("AWS::ApiGatewayV2::Integration");

        assertThat(adminRoutes()).allSatisfy(route -> {
            String target = String.valueOf(route.get("Target"));
            Map<String, Object> integration = integrations.entrySet().stream()
                    .filter(e -> target.contains(e.getKey())).map(e -> Cfn.props(e.getValue())).findFirst().orElseThrow();
            assertThat(Cfn.target(integration.get("IntegrationUri"))).isEqualTo(alias);
        });
    }

    /** An {@code Fn::Join} of literals and tokens as text, each token shown as {@code <token>}. */
    private static String joined(Object value) {
        if (value instanceof String literal) {
            return literal;
        }
        List<Object> join = Cfn.list(Cfn.map(value).get("Fn::Join"));
        StringBuilder text = new StringBuilder();
        for (Object part : Cfn.list(join.get(1))) {
            text.append(part instanceof String literal ? literal : "<token>");
        }
        return text.toString();
    }

    @Test
    void readPolicy_whenSynthesized_allowsOnlyInvokingTheGetLeadRoutesAndTheCostReport() {
        String policyId = synth.logicalId(synth.stack.adminApi().readPolicy());
        Map<String, Object> policy = Cfn.props(synth.resources("AWS::IAM::ManagedPolicy").get(policyId));
        List<Object> statements = Cfn.list(Cfn.map(policy.get("PolicyDocument")).get("Statement"));

        assertThat(statements).singleElement().satisfies(s -> {
            Map<String, Object> statement = Cfn.map(s);
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(statement.get("Action")).isEqualTo("execute-api:Invoke");
            List<Object> resources = Cfn.list(statement.get("Resource"));
            assertThat(resources).hasSize(3);
            assertThat(resources.stream().map(AdminApiTemplateTest::joined))
                    .allSatisfy(r -> assertThat(r).startsWith("arn:<token>:execute-api:"))
                    .anySatisfy(r -> assertThat(r).endsWith("/*/GET/leads"))
                    .anySatisfy(r -> assertThat(r).endsWith("/*/GET/leads/*"))
                    .anySatisfy(r -> assertThat(r).endsWith("/*/GET/reports/*"));
        });
    }
}
