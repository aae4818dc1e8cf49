package dev.lem.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.ApiMapping;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.EndpointType;
import software.amazon.awscdk.services.apigatewayv2.SecurityPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The public HTTP API (payload format 2.0): web forms ({@code /f/...}: post, token, double opt-in
 * confirmation) to form-capture and tracking
 * ({@code /t/...}) to tracking. The default stage is throttled and writes JSON access logs without client
 * IPs or query strings (no PII). Every route also has its own throttle (stage route settings), chosen by
 * {@link Throttle#forPath}: {@link #route} needs nothing more. Admin routes are added with
 * {@link #adminRoute}: IAM-authorised (SigV4), never public.
 */
public final class HttpEndpoints extends Construct {

    /** Account-wide protection of the public endpoints; raise with an AWS quota for big campaigns. */
    static final int RATE_LIMIT_PER_SECOND = 100;
    static final int BURST_LIMIT = 200;

    /** Per-route throttles (requests per second, burst), below the stage's account-wide limit. */
    public enum Throttle {
        /** Web forms: a person submits a form a few times at most; bots submit thousands. */
        FORMS(20, 40),
        /** Pixels, clicks and page events: bursts right after a send. */
        TRACKING(100, 200),
        /** Admin and reporting calls, IAM-authorised. */
        ADMIN(10, 20);

        final int rateLimit;
        final int burstLimit;

        Throttle(int rateLimit, int burstLimit) {
            this.rateLimit = rateLimit;
            this.burstLimit = burstLimit;
        }

        /** {@code /f/...} and {@code /u/...} (preferences) → forms, {@code /t/...} → tracking, anything else → admin. */
        public static Throttle forPath(String path) {
            if (path.startsWith("/f/") || path.startsWith("/u/")) {
                return FORMS;
            }
            if (path.startsWith("/t/")) {
                return TRACKING;
            }
            return ADMIN;
        }

        public int rateLimit() {
            return rateLimit;
        }

        public int burstLimit() {
            return burstLimit;
        }
    }

    private static final String ACCESS_LOG_FORMAT = """
            {"requestId":"$context.requestId","requestTime":"$context.requestTime",\
            "routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol",\
            "responseLength":"$context.responseLength","latencyMs":"$context.responseLatency",\
            "integrationLatencyMs":"$context.integrationLatency",\
            "integrationError":"$context.integrationErrorMessage","error":"$context.error.message"}""";

    /**
     * Request headers a browser may send cross-origin ({@code Access-Control-Allow-Headers}); nothing is
     * exposed ({@code Access-Control-Expose-Headers} stays unset). API Gateway answers every preflight
     * itself, so there is no {@code OPTIONS} route (form-capture's own {@code OPTIONS} answer is for
     * where no API Gateway is in front, such as {@code lem up}).
     */
    public static final List<String> ALLOWED_HEADERS = List.of("content-type", "x-lem-token", "idempotency-key");

    private final HttpApi api;
    private final HttpStage stage;
    private final Map<String, Object> routeSettings = new LinkedHashMap<>();

    public HttpEndpoints(Construct scope, String id, IFunction formCapture, IFunction tracking,
                         List<String> allowedOrigins) {
        super(scope, id);
        this.api = HttpApi.Builder.create(this, "Api")
                .description("LEM public endpoints: web forms and tracking")
                .createDefaultStage(false)
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(allowedOrigins)
                        .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS))
                        // Form posts: JSON bodies, the signed form token, the client's idempotency key.
                        .allowHeaders(ALLOWED_HEADERS)
                        .maxAge(Duration.hours(1))
                        .build())
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs").retention(RetentionDays.ONE_MONTH).build();
        this.stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(RATE_LIMIT_PER_SECOND).burstLimit(BURST_LIMIT).build())
                .accessLogSettings(new IAccessLogSettings() {
                    private final IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);

                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();

        HttpLambdaIntegration forms = new HttpLambdaIntegration("FormCapture", formCapture);
        HttpLambdaIntegration tracks = new HttpLambdaIntegration("Tracking", tracking);
        route("/f/{formId}", HttpMethod.POST, forms);
        route("/f/{formId}/token", HttpMethod.GET, forms);
        route("/f/{formId}/confirm", HttpMethod.GET, forms);
        route("/t/o.gif", HttpMethod.GET, tracks);
        route("/t/c", HttpMethod.GET, tracks);
        route("/t/s", HttpMethod.GET, tracks);
        route("/t/s", HttpMethod.POST, tracks); // the survey answer confirmation page's button
        route("/t/e", HttpMethod.POST, tracks);
        route("/t/lem.js", HttpMethod.GET, tracks);
    }

    /** A public route, throttled by {@link Throttle#forPath}. */
    private void route(String path, HttpMethod method, HttpLambdaIntegration integration) {
        List<HttpRoute> routes = api.addRoutes(AddRoutesOptions.builder().path(path).methods(List.of(method))
                .integration(integration).build());
        throttle(method, path, Throttle.forPath(path), routes);
    }

    /** A public route added by another construct (e.g. {@code /u/{token}}), throttled by {@link Throttle#forPath}. */
    public void publicRoute(String path, HttpMethod method, HttpLambdaIntegration integration) {
        route(path, method, integration);
    }

    /**
     * An admin route: callers sign requests with SigV4 and need {@code execute-api:Invoke} on it (IAM
     * authorisation); throttled as {@link Throttle#ADMIN}.
     */
    public void adminRoute(String path, HttpMethod method, HttpLambdaIntegration integration) {
        List<HttpRoute> routes = api.addRoutes(AddRoutesOptions.builder().path(path).methods(List.of(method))
                .integration(integration).authorizer(new HttpIamAuthorizer()).build());
        throttle(method, path, Throttle.ADMIN, routes);
    }

    /**
     * Stage route settings keyed by route key. The stage waits for the routes: API Gateway rejects
     * settings for a route that does not exist yet.
     */
    private void throttle(HttpMethod method, String path, Throttle throttle, List<HttpRoute> routes) {
        routeSettings.put(method.name() + " " + path, Map.of(
                "ThrottlingRateLimit", throttle.rateLimit(),
                "ThrottlingBurstLimit", throttle.burstLimit()));
        ((CfnStage) stage.getNode().getDefaultChild()).addPropertyOverride("RouteSettings", new LinkedHashMap<>(routeSettings));
        routes.forEach(r -> stage.getNode().addDependency(r));
    }

    /**
     * A regional API Gateway custom domain ({@code lem:domainName}) with its ACM certificate (in the stack's
     * region), TLS 1.2 at least, mapped to the default stage at the root. No DNS record: point the name at
     * {@link DomainName#getRegionalDomainName()} (CNAME, or a Route 53 alias with
     * {@link DomainName#getRegionalHostedZoneId()}).
     */
    public DomainName addCustomDomain(String domainName, String certificateArn) {
        DomainName domain = DomainName.Builder.create(this, "CustomDomain")
                .domainName(domainName)
                .certificate(Certificate.fromCertificateArn(this, "CustomDomainCertificate", certificateArn))
                .endpointType(EndpointType.REGIONAL)
                .securityPolicy(SecurityPolicy.TLS_1_2)
                .build();
        ApiMapping.Builder.create(this, "CustomDomainMapping")
                .api(api)
                .domainName(domain)
                .stage(stage)
                .build();
        return domain;
    }

    /** The default stage's URL, ending in {@code /}. */
    public String url() {
        return stage.getUrl();
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }
}
