package dev.lem.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The admin read routes of the HTTP API, served by the api function and IAM-authorised (callers sign with SigV4):
 * {@code GET /leads?email=}, {@code GET /leads/{id}}, {@code GET /leads/{id}/score}. {@link #readPolicy()} is the
 * least-privilege managed policy to attach to the people and systems allowed to call them: {@code execute-api:Invoke}
 * on exactly these GET routes, nothing else.
 */
public final class AdminApi extends Construct {

    /** The routes, in the order they are added. */
    public static final List<String> READ_ROUTES = List.of("/leads", "/leads/{id}", "/leads/{id}/score", "/reports/cost");

    private final ManagedPolicy readPolicy;

    public AdminApi(Construct scope, String id, HttpEndpoints http, IFunction api) {
        super(scope, id);
        HttpLambdaIntegration integration = new HttpLambdaIntegration("Api", api);
        READ_ROUTES.forEach(path -> http.adminRoute(path, HttpMethod.GET, integration));
        this.readPolicy = ManagedPolicy.Builder.create(this, "ReadPolicy")
                .description("LEM admin API, read-only: GET /leads?email=, /leads/{id}, /leads/{id}/score, /reports/cost")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("execute-api:Invoke"))
                        .resources(List.of(
                                http.api().arnForExecuteApi("GET", "/leads", "*"),
                                http.api().arnForExecuteApi("GET", "/leads/*", "*"),
                                http.api().arnForExecuteApi("GET", "/reports/cost", "*")))
                        .build()))
                .build();
    }

    public ManagedPolicy readPolicy() {
        return readPolicy;
    }
}
