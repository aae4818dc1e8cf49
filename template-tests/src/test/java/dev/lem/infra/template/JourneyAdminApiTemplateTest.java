package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The journey admin routes: IAM-authorised, served by the journeys function (not the read-only api function), whose
 * role reads and writes journey items only; a read policy and a deploy policy for the callers.
 */
class JourneyAdminApiTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    private List<Map<String, Object>> journeyRoutes() {
        return synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(Cfn::props)
                .filter(p -> String.valueOf(p.get("RouteKey")).contains(" /admin/journeys"))
                .toList();
    }

    @Test
    void routes_whenSynthesized_areDeployListAndGetAndEachNeedsIam() {
        assertThat(journeyRoutes()).extracting(p -> p.get("RouteKey"))
                .containsExactlyInAnyOrder("POST /admin/journeys", "GET /admin/journeys", "GET /admin/journeys/{id}");
        assertThat(journeyRoutes()).allSatisfy(p -> assertThat(p.get("AuthorizationType")).isEqualTo("AWS_IAM"));
    }

    @Test
    void routes_whenSynthesized_integrateWithTheJourneysFunctionsAlias() {
        String alias = synth.logicalId(synth.stack.functions().alias(FunctionName.JOURNEYS));
        Map<String, Map<String, Object>> integrations = synth.resources("AWS::ApiGatewayV2::Integration");

        assertThat(journeyRoutes()).allSatisfy(route -> {
            String target = String.valueOf(route.get("Target"));
            Map<String, Object> integration = integrations.entrySet().stream()
                    .filter(e -> target.contains(e.getKey())).map(e -> Cfn.props(e.getValue())).findFirst().orElseThrow();
            assertThat(Cfn.target(integration.get("IntegrationUri"))).isEqualTo(alias);
        });
    }

    @Test
    void journeysFunction_whenSynthesized_runsTheAdminHandlerFromRoutersJarWithOnlyTheTable() {
        Map<String, Object> function = Cfn.props(synth.resources("AWS::Lambda::Function")
                .get(synth.logicalId(synth.stack.functions().function(FunctionName.JOURNEYS))));
        Map<String, Object> variables = Cfn.map(Cfn.map(function.get("Environment")).get("Variables"));

        assertThat(function.get("Handler")).isEqualTo("dev.lem.routing.lambda.JourneyAdminHandler::handleRequest");
        assertThat(variables.keySet()).containsExactlyInAnyOrder(EnvNames.REGION, EnvNames.TABLE_NAME);
    }

    @Test
    void journeysRole_whenGranted_touchesOnlyJourneyItems_neverDeletesOrScans() {
        String roleId = synth.logicalId(synth.stack.functions().role(FunctionName.JOURNEYS));
        List<Map<String, Object>> dynamo = synth.resources("AWS::IAM::Policy").values().stream().map(Cfn::props)
                .filter(p -> Cfn.list(p.get("Roles")).stream().anyMatch(r -> roleId.equals(Cfn.target(r))))
                .flatMap(p -> Cfn.list(Cfn.map(p.get("PolicyDocument")).get("Statement")).stream().map(Cfn::map))
                .filter(s -> Cfn.list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("dynamodb:")))
                .toList();

        assertThat(dynamo).singleElement().satisfies(statement -> {
            assertThat(Cfn.list(statement.get("Action"))).containsExactlyInAnyOrder(
                    "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");
            assertThat(String.valueOf(statement.get("Condition")))
                    .contains("ForAllValues:StringLike").contains("dynamodb:LeadingKeys")
                    .contains("JOURNEY#*").contains("JOURNEYS*");
        });
    }

    @Test
    void policies_whenSynthesized_readAllowsOnlyTheGets_deployAddsOnlyThePost() {
        assertThat(invokable(synth.logicalId(synth.stack.journeyAdminApi().readPolicy())))
                .containsExactlyInAnyOrder("/*/GET/admin/journeys", "/*/GET/admin/journeys/*");
        assertThat(invokable(synth.logicalId(synth.stack.journeyAdminApi().deployPolicy())))
                .containsExactlyInAnyOrder("/*/GET/admin/journeys", "/*/GET/admin/journeys/*", "/*/POST/admin/journeys");
    }

    /** The route suffixes a managed policy allows execute-api:Invoke on (and it allows nothing else). */
    private List<String> invokable(String policyId) {
        Map<String, Object> policy = Cfn.props(synth.resources("AWS::IAM::ManagedPolicy").get(policyId));
        List<Map<String, Object>> statements = Cfn.list(Cfn.map(policy.get("PolicyDocument")).get("Statement")).stream()
                .map(Cfn::map).toList();
        assertThat(statements).allSatisfy(s -> {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            assertThat(s.get("Action")).isEqualTo("execute-api:Invoke");
        });
        return statements.stream().flatMap(s -> Cfn.list(s.get("Resource")).stream()).map(JourneyAdminApiTemplateTest::joined)
                .map(r -> r.substring(r.indexOf("/*/"))).toList();
    }

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
}
