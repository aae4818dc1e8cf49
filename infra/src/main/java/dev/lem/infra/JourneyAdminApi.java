package dev.lem.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The journey admin routes of the HTTP API, served by the journeys function and IAM-authorised (callers sign with
 * SigV4): {@code POST /admin/journeys} (deploy a version), {@code GET /admin/journeys}, {@code GET /admin/journeys/{id}}.
 * The journeys function is the only writer of journeys, with its own role (journey items only); the read-only api
 * function stays read-only. Two managed policies for the callers: {@link #readPolicy()} (the GET routes) and
 * {@link #deployPolicy()} (the GET routes and the POST).
 */
public final class JourneyAdminApi extends Construct {

    public static final String COLLECTION = "/admin/journeys";
    public static final String ITEM = "/admin/journeys/{id}";

    private final ManagedPolicy readPolicy;
    private final ManagedPolicy deployPolicy;

    public JourneyAdminApi(Construct scope, String id, HttpEndpoints http, IFunction journeys) {
        super(scope, id);
        HttpLambdaIntegration integration = new HttpLambdaIntegration("Journeys", journeys);
        http.adminRoute(COLLECTION, HttpMethod.POST, integration);
        http.adminRoute(COLLECTION, HttpMethod.GET, integration);
        http.adminRoute(ITEM, HttpMethod.GET, integration);
        PolicyStatement read = PolicyStatement.Builder.create()
                .actions(List.of("execute-api:Invoke"))
                .resources(List.of(
                        http.api().arnForExecuteApi("GET", COLLECTION, "*"),
                        http.api().arnForExecuteApi("GET", COLLECTION + "/*", "*")))
                .build();
        this.readPolicy = ManagedPolicy.Builder.create(this, "ReadPolicy")
                .description("LEM journeys, read-only: GET /admin/journeys, /admin/journeys/{id}")
                .statements(List.of(read))
                .build();
        this.deployPolicy = ManagedPolicy.Builder.create(this, "DeployPolicy")
                .description("LEM journeys, deploy: POST /admin/journeys and the GET routes")
                .statements(List.of(read, PolicyStatement.Builder.create()
                        .actions(List.of("execute-api:Invoke"))
                        .resources(List.of(http.api().arnForExecuteApi("POST", COLLECTION, "*")))
                        .build()))
                .build();
    }

    public ManagedPolicy readPolicy() {
        return readPolicy;
    }

    public ManagedPolicy deployPolicy() {
        return deployPolicy;
    }
}
