package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.config.FunctionName;
import dev.lem.infra.HttpEndpoints;
import dev.lem.infra.HttpEndpoints.Throttle;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;

class HttpEndpointsTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void api_whenSynthesized_isOneHttpApiWithExactlyItsPublicAndIamAuthorisedRoutes() {
        synth.template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        synth.template.hasResourceProperties("AWS::ApiGatewayV2::Api",
                Match.objectLike(Map.of("ProtocolType", "HTTP")));
        List<Object> routeKeys = synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .filter(r -> !"AWS_IAM".equals(Cfn.props(r).get("AuthorizationType")))
                .map(r -> Cfn.props(r).get("RouteKey")).toList();

        assertThat(routeKeys).containsExactlyInAnyOrder(
                "POST /f/{formId}", "GET /f/{formId}/token", "GET /f/{formId}/confirm", "GET /t/o.gif", "GET /t/c", "GET /t/s", "POST /t/s", "POST /t/e",
                "GET /t/lem.js", "GET /u/{token}", "POST /u/{token}");
        assertThat(iamRouteKeys()).containsExactlyInAnyOrderElementsOf(IAM_ROUTES);
    }

    @ParameterizedTest
    @CsvSource({
            "'POST /f/{formId}', FORM_CAPTURE",
            "'GET /f/{formId}/token', FORM_CAPTURE",
            "'GET /f/{formId}/confirm', FORM_CAPTURE",
            "'GET /t/o.gif', TRACKING",
            "'GET /t/c', TRACKING",
            "'GET /t/s', TRACKING",
            "'POST /t/s', TRACKING",
            "'POST /t/e', TRACKING",
            "'GET /t/lem.js', TRACKING",
            "'POST /activities', ACTIVITIES",
            "'POST /outcomes', OUTCOMES"})
    void route_whenSynthesized_integratesWithTheFunctionsLiveAlias(String routeKey, FunctionName function) {
        String alias = synth.logicalId(synth.stack.functions().alias(function));

        Map<String, Object> route = synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(Cfn::props).filter(r -> routeKey.equals(r.get("RouteKey"))).findFirst().orElseThrow();
        String target = String.valueOf(route.get("Target"));
        Map<String, Map<String, Object>> integrations = synth.resources("AWS::ApiGatewayV2::Integration");
        String integrationId = integrations.keySet().stream().filter(target::contains).findFirst().orElseThrow();
        Map<String, Object> integration = Cfn.props(integrations.get(integrationId));

        assertThat(integration.get("IntegrationType")).isEqualTo("AWS_PROXY");
        assertThat(integration.get("PayloadFormatVersion")).isEqualTo("2.0");
        assertThat(Cfn.target(integration.get("IntegrationUri"))).isEqualTo(alias);
    }

    @Test
    void defaultStage_whenSynthesized_autoDeploysWithAccessLogsAndThrottling() {
        synth.template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        synth.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "AccessLogSettings", Match.objectLike(Map.of(
                        "DestinationArn", Match.anyValue(),
                        "Format", Match.stringLikeRegexp(".*\\$context\\.requestId.*"))),
                "DefaultRouteSettings", Match.objectLike(Map.of(
                        "ThrottlingRateLimit", Match.anyValue(),
                        "ThrottlingBurstLimit", Match.anyValue())))));
    }

    @Test
    void everyRoute_whenSynthesized_hasItsOwnThrottleInTheStageRouteSettings() {
        Map<String, Object> stage = Cfn.props(synth.resources("AWS::ApiGatewayV2::Stage").values().iterator().next());
        Map<String, Object> settings = Cfn.map(stage.get("RouteSettings"));
        List<String> routeKeys = synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> String.valueOf(Cfn.props(r).get("RouteKey"))).toList();

        assertThat(settings.keySet()).containsExactlyInAnyOrderElementsOf(routeKeys);
        routeKeys.forEach(key -> {
            Throttle expected = Throttle.forPath(key.substring(key.indexOf(' ') + 1));
            assertThat(settings.get(key)).as("throttle of %s", key).isEqualTo(Map.of(
                    "ThrottlingRateLimit", expected.rateLimit(), "ThrottlingBurstLimit", expected.burstLimit()));
        });
        assertThat(Throttle.FORMS.rateLimit()).isLessThan(Throttle.TRACKING.rateLimit());
    }

    @Test
    void defaultStage_whenDeployed_waitsForEveryRouteItHasSettingsFor() {
        Map<String, Object> stage = synth.resources("AWS::ApiGatewayV2::Stage").values().iterator().next();

        assertThat(Cfn.list(stage.get("DependsOn"))).containsAll(synth.resources("AWS::ApiGatewayV2::Route").keySet());
    }

    @Test
    void cors_whenOriginsAreConfigured_allowsOnlyThem() {
        synth.template.hasResourceProperties("AWS::ApiGatewayV2::Api", Match.objectLike(Map.of(
                "CorsConfiguration", Match.objectLike(Map.of("AllowOrigins", SynthesizedStack.ORIGINS)))));
    }

    @Test
    void cors_whenABrowserPreflightsAFormPost_allowsTheTokenAndIdempotencyHeadersAndExposesNothing() {
        Map<String, Object> api = Cfn.props(synth.resources("AWS::ApiGatewayV2::Api").values().iterator().next());
        Map<String, Object> cors = Cfn.map(api.get("CorsConfiguration"));

        assertThat(Cfn.list(cors.get("AllowHeaders")).stream().map(h -> String.valueOf(h).toLowerCase()))
                .containsExactlyInAnyOrder("content-type", "x-lem-token", "idempotency-key");
        assertThat(Cfn.list(cors.get("AllowMethods"))).contains("POST", "GET", "OPTIONS");
        assertThat(cors).doesNotContainKey("ExposeHeaders");
        assertThat(synth.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> String.valueOf(Cfn.props(r).get("RouteKey")))).noneMatch(k -> k.startsWith("OPTIONS "));
    }

    @Test
    void publicRoutes_whenSynthesized_needNoAuthorisationAndOnlyTheAdminRoutesAreIamAuthorised() {
        synth.resources("AWS::ApiGatewayV2::Route").values().stream().map(Cfn::props)
                .filter(r -> !IAM_ROUTES.contains(String.valueOf(r.get("RouteKey"))))
                .forEach(r -> assertThat(r.get("AuthorizationType")).as("%s", r.get("RouteKey")).isIn(null, "NONE"));
        assertThat(iamRouteKeys()).containsExactlyInAnyOrderElementsOf(IAM_ROUTES);
    }

    /** The admin routes: offline activity, outcomes, the admin API reads, the reports, erasure, the journey admin API. */
    private static final List<String> IAM_ROUTES = List.of("POST /activities", "POST /outcomes", "GET /leads", "GET /leads/{id}",
            "GET /leads/{id}/score", "DELETE /leads/{id}", "GET /reports/funnel", "GET /reports/velocity",
            "GET /reports/journeys", "GET /reports/cost", "GET /reports/dashboard", "POST /admin/journeys",
            "GET /admin/journeys", "GET /admin/journeys/{id}");

    private List<String> iamRouteKeys() {
        return synth.resources("AWS::ApiGatewayV2::Route").values().stream().map(Cfn::props)
                .filter(r -> "AWS_IAM".equals(r.get("AuthorizationType")))
                .map(r -> String.valueOf(r.get("RouteKey"))).toList();
    }

    @Test
    void activitiesRoute_whenSynthesized_requiresIamAuthorisation() {
        synth.template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                "RouteKey", "POST /activities", "AuthorizationType", "AWS_IAM")));
        synth.template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                "RouteKey", "POST /outcomes", "AuthorizationType", "AWS_IAM")));
    }

    @Test
    void adminRoute_whenAdded_requiresIamAuthorisationAndIsThrottledAsAdmin() {
        App app = new App();
        Stack stack = new Stack(app, "AdminRouteProbe");
        Function fn = Function.Builder.create(stack, "Fn").runtime(Runtime.NODEJS_22_X).handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({})")).build();
        HttpEndpoints http = new HttpEndpoints(stack, "Http", fn, fn, List.of("*"));
        http.adminRoute("/admin/reports", HttpMethod.GET, new HttpLambdaIntegration("Admin", fn));

        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                "RouteKey", "GET /admin/reports", "AuthorizationType", "AWS_IAM")));
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "RouteSettings", Match.objectLike(Map.of("GET /admin/reports", Map.of(
                        "ThrottlingRateLimit", Throttle.ADMIN.rateLimit(),
                        "ThrottlingBurstLimit", Throttle.ADMIN.burstLimit()))))));
    }

    @Test
    void accessLogs_whenWritten_leaveOutClientAddresses() {
        Map<String, Object> stage = Cfn.props(synth.resources("AWS::ApiGatewayV2::Stage").values().iterator().next());

        assertThat(String.valueOf(Cfn.map(stage.get("AccessLogSettings")).get("Format")))
                .doesNotContain("sourceIp").doesNotContain("userAgent");
    }

    @ParameterizedTest
    @CsvSource({"FORM_CAPTURE", "TRACKING"})
    void publicFunction_whenTheApiInvokesIt_isAllowedThroughTheAliasOnly(FunctionName function) {
        String alias = synth.logicalId(synth.stack.functions().alias(function));

        synth.template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Cfn.ref(alias))));
    }
}
