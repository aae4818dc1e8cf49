package dev.lem.capture.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.capture.CaptchaUnavailableException;
import dev.lem.capture.CaptureOutcome;
import dev.lem.capture.ConfirmationLinks;
import dev.lem.capture.DoubleOptIn;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.capture.TurnstileCaptchaVerifier;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import java.security.SecureRandom;
import dev.lem.capture.FormCaptureConfig;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormSubmission;
import dev.lem.capture.SubmissionFormat;
import dev.lem.bus.EventPublishException;
import dev.lem.lead.LeadConflictException;
import dev.lem.store.StoreUnavailableException;
import dev.lem.config.Env;
import dev.lem.lead.IdentityHasher;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbLeadStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /f/{formId}} (capture), {@code GET /f/{formId}/token} (a signed form token) and
 * {@code OPTIONS /f/{formId}} (CORS preflight): API Gateway HTTP API event in, response out; the work is
 * {@link FormCaptureService}'s.
 */
public final class FormCaptureHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(FormCaptureHandler.class);

    private final FormCaptureService service;
    private final Clock clock;

    public FormCaptureHandler() {
        this(wire(FormCaptureConfig.fromEnv(SecretEnvironment.resolve(Env.system()))), Clock.systemUTC());
    }

    public FormCaptureHandler(FormCaptureService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** Wires the service to real AWS clients; {@code lem up} and tests call it with their own config. */
    public static FormCaptureService wire(FormCaptureConfig config) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(config.aws());
        IdentityHasher identity = new IdentityHasher(config.identityKey());
        return new FormCaptureService(new DynamoDbFormStore(dynamo, config.tableName()),
                new DynamoDbLeadStore(dynamo, config.tableName()), identity,
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()),
                new SpamDefence(new FormTokens(config.formTokenKey(), new SecureRandom()),
                        new DynamoDbSpamDefenceStore(dynamo, config.tableName()), identity,
                        config.captchaSecret().map(TurnstileCaptchaVerifier::create)),
                new DynamoDbCaptureIdempotencyStore(dynamo, config.tableName()),
                config.notifyQueueUrl().flatMap(url -> config.publicBaseUrl().map(base -> new DoubleOptIn(
                        new ConfirmationLinks(config.formTokenKey(), base), new SqsMessageQueue(AwsClients.sqs(config.aws()), url)))));
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> headers = lowerCase(event.getHeaders());
        String formId = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("formId")).orElse("");
        Optional<String> origin = Optional.ofNullable(headers.get("origin"));
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("POST").toUpperCase(Locale.ROOT);
        try {
            if (method.equals("OPTIONS")) {
                return HttpResponses.of(service.preflight(formId, origin));
            }
            if (method.equals("GET") && isRoute(event, "/confirm")) {
                Map<String, String> query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
                var confirmed = service.confirm(formId, query.get("l"), query.get("t"), query.get("s"), clock.instant());
                if (confirmed instanceof FormCaptureService.ConfirmOutcome.Confirmed c) {
                    LOG.info("double opt-in confirmed formId={} leadId={} again={}", c.form().id(), c.leadId(), c.alreadyConfirmed());
                }
                return HttpResponses.of(confirmed);
            }
            if (method.equals("GET") && isRoute(event, "/token")) {
                return HttpResponses.of(service.issueToken(formId, origin, clock.instant()));
            }
        } catch (StoreUnavailableException | LeadConflictException | EventPublishException e) {
            LOG.warn("form lookup failed formId={} error={}", safe(formId), e.getClass().getSimpleName());
            return HttpResponses.unavailable();
        }
        if (!method.equals("POST")) {
            return HttpResponses.json(405, Map.of("error", "method not allowed"));
        }
        Optional<String> body = body(event);
        if (body.isEmpty()) {
            return HttpResponses.of(CaptureOutcome.Rejected.of(SubmissionFormat.JSON, 400, "body is not valid base64"));
        }
        FormSubmission submission = new FormSubmission(requestId(event), formId,
                Optional.ofNullable(headers.get("content-type")), body.get(), origin, clock.instant(),
                Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                        .map(APIGatewayV2HTTPEvent.RequestContext.Http::getSourceIp),
                Optional.ofNullable(headers.get("x-lem-token")), Optional.ofNullable(headers.get("referer")),
                Optional.ofNullable(headers.get("idempotency-key")),
                dev.lem.lambda.RequestCookies.find(event, FormCaptureService.VISITOR_FIELD));
        CaptureOutcome outcome;
        try {
            outcome = service.submit(submission);
        } catch (StoreUnavailableException | EventPublishException | QueueUnavailableException | LeadConflictException
                 | CaptchaUnavailableException e) {
            LOG.warn("capture deferred formId={} error={}", safe(formId), e.getClass().getSimpleName());
            return HttpResponses.unavailable();
        }
        switch (outcome) {
            case CaptureOutcome.Captured c -> LOG.info("lead captured formId={} leadId={} newLead={}",
                    c.form().id(), c.leadId(), c.newLead());
            case CaptureOutcome.Ignored i -> LOG.info("submission ignored formId={} reason=honeypot", i.form().id());
            case CaptureOutcome.Rejected r -> LOG.info("submission rejected formId={} status={} fields={}",
                    safe(formId), r.status(), r.fieldErrors().keySet());
        }
        return HttpResponses.of(outcome);
    }

    /** {@code GET /f/{formId}/token} or {@code .../confirm} (API Gateway's route key, or the raw path when there is none). */
    private static boolean isRoute(APIGatewayV2HTTPEvent event, String suffix) {
        String route = Optional.ofNullable(event.getRouteKey()).orElse("");
        String path = Optional.ofNullable(event.getRawPath()).orElse("");
        return route.endsWith(suffix) || (route.isEmpty() && path.endsWith(suffix));
    }

    private static String safe(String formId) {
        return formId.matches("[a-z0-9_-]{1,64}") ? formId : "(invalid)";
    }

    /**
     * API Gateway's request id (e.g. {@code Jx1QwgFbjoEEMsg=}) with {@code =} spelled {@code .}: it becomes the
     * activity id and part of event ids, which the event contract limits to {@code [A-Za-z0-9._:#-]}. The
     * mapping is one-to-one, since {@code .} is not otherwise accepted here.
     */
    private static String requestId(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getRequestId)
                .filter(id -> id.matches("[A-Za-z0-9=_-]{1,64}"))
                .map(id -> id.replace('=', '.'))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /** The body, base64-decoded when API Gateway encoded it; empty when that encoding is broken. */
    private static Optional<String> body(APIGatewayV2HTTPEvent event) {
        String body = Optional.ofNullable(event.getBody()).orElse("");
        if (!event.getIsBase64Encoded()) {
            return Optional.of(body);
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, String> lower = new java.util.HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }
}
