package dev.lem.tracking.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.config.Env;
import dev.lem.bus.EventPublishException;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.links.LinkSigner;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.queue.MessageQueue;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.tracking.Beacon;
import dev.lem.tracking.SurveyAnswers;
import dev.lem.tracking.TrackingConfig;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.TrackingService.BeaconOutcome;
import dev.lem.tracking.TrackingService.ClickOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking routes:
 * <ul>
 *   <li>{@code GET /t/o.gif}: always 200 with a 1×1 transparent GIF no cache keeps — an email never shows
 *       a broken image — and records the open only when its signature verifies.</li>
 *   <li>{@code GET /t/c}: 302 to the signed target (http/https only), or 400: never an open redirect.</li>
 *   <li>{@code POST /t/e} (+ {@code OPTIONS} preflight): {@code lem.js} beacons from allowed origins (CORS),
 *       body ≤ 4 KiB, 204 when recorded; sets the {@code lem_vid} visitor cookie.</li>
 *   <li>{@code GET /t/lem.js}: the tracking script, cached for a week, with a content-hash ETag.</li>
 *   <li>{@code GET /t/s}: a signed survey answer link ({@link SurveyAnswers}): 200 with a confirmation page whose
 *       button posts the answer (nothing is recorded: link scanners fetch every link, some in a headless browser),
 *       400 when the link is not valid.</li>
 *   <li>{@code POST /t/s}: the confirmation page's form ({@code application/x-www-form-urlencoded}, ≤ 2 KiB): 200
 *       with a thank-you page when recorded (the first answer per message × lead wins), 400 when not valid, 415/413
 *       for another body, 503 when it could not be recorded (sending it again is safe).</li>
 * </ul>
 * If the activity queue is down the pixel still answers 200 (the open is lost and logged), the click
 * still redirects, and a beacon gets 503.
 */
public final class TrackingHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingHandler.class);
    static final String GIF_BASE64 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    static final String VISITOR_COOKIE = "lem_vid";
    static final String COOKIE_ATTRIBUTES = "; Secure; SameSite=Lax; Path=/; Max-Age=63072000; HttpOnly";
    private static final Map<String, String> NO_CACHE = Map.of(
            "Cache-Control", "no-store, no-cache, must-revalidate, max-age=0", "Pragma", "no-cache", "Expires", "0");

    private final TrackingService service;
    private final Optional<SurveyAnswers> surveys;
    private final Set<String> allowedOrigins;
    private final Clock clock;

    public TrackingHandler() {
        this(TrackingConfig.fromEnv(SecretEnvironment.resolve(Env.system())));
    }

    private TrackingHandler(TrackingConfig config) {
        this(config, new LinkSigner(config.trackingKey()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()));
    }

    /** Pixels, clicks, beacons and survey answers share one signer and one SQS client (built once, at init). */
    private TrackingHandler(TrackingConfig config, LinkSigner signer, MessageQueue activityQueue) {
        this(new TrackingService(signer, activityQueue), new SurveyAnswers(signer, activityQueue,
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.eventBusName())),
                config.allowedOrigins(), Clock.systemUTC());
    }

    /** No origin may send beacons. */
    public TrackingHandler(TrackingService service, Clock clock) {
        this(service, Set.of(), clock);
    }

    /** Without survey answers: {@code GET /t/s} is not found. */
    public TrackingHandler(TrackingService service, Set<String> allowedOrigins, Clock clock) {
        this(service, Optional.empty(), allowedOrigins, clock);
    }

    public TrackingHandler(TrackingService service, SurveyAnswers surveys, Set<String> allowedOrigins, Clock clock) {
        this(service, Optional.of(surveys), allowedOrigins, clock);
    }

    private TrackingHandler(TrackingService service, Optional<SurveyAnswers> surveys, Set<String> allowedOrigins,
                            Clock clock) {
        this.service = service;
        this.surveys = surveys;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.clock = clock;
    }

    public static TrackingService wire(TrackingConfig config) {
        return new TrackingService(new LinkSigner(config.trackingKey()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()));
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return switch (route(event)) {
            case "GET /t/o.gif" -> pixel(event);
            case "GET /t/c" -> click(event);
            case "POST /t/e" -> beacon(event);
            case "OPTIONS /t/e" -> preflight(event);
            case "GET /t/lem.js" -> LemScript.response(header(event, "if-none-match"));
            case "GET /t/s" -> surveys.map(s -> surveyConfirmation(s, event)).orElseGet(() -> text(404, "not found"));
            case "POST /t/s" -> surveys.map(s -> surveyAnswer(s, event)).orElseGet(() -> text(404, "not found"));
            default -> text(404, "not found");
        };
    }

    private APIGatewayV2HTTPResponse pixel(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = query(event);
        Optional<String> cookieVisitor = cookie(event, VISITOR_COOKIE);
        List<String> cookies = null;
        try {
            TrackingService.Result result = service.recordOpen(query.get("l"), query.get("m"), query.get("s"),
                    header(event, "user-agent").orElse(null), cookieVisitor, clock.instant());
            switch (result) {
                case INVALID -> LOG.info("pixel not recorded reason=invalid-signature-or-ids");
                case RECORDED_AUTOMATED -> LOG.debug("pixel recorded automated=true");
                case RECORDED -> {
                    if (cookieVisitor.filter(dev.lem.lead.VisitorActivity::isVisitorId).isEmpty()) {
                        cookies = List.of(visitorCookie(service.newVisitorId()));
                    }
                }
            }
        } catch (QueueUnavailableException e) {
            LOG.warn("pixel not recorded error={}", e.getClass().getSimpleName());
        }
        Map<String, String> headers = new LinkedHashMap<>(NO_CACHE);
        headers.put("Content-Type", "image/gif");
        headers.put("X-Content-Type-Options", "nosniff");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withCookies(cookies)
                .withIsBase64Encoded(true).withBody(GIF_BASE64).build();
    }

    private APIGatewayV2HTTPResponse click(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = query(event);
        ClickOutcome outcome;
        try {
            outcome = service.recordClick(query.get("u"), query.get("l"), query.get("m"), query.get("s"),
                    header(event, "user-agent").orElse(null), clock.instant());
        } catch (QueueUnavailableException e) {
            LOG.warn("click not recorded error={}", e.getClass().getSimpleName());
            outcome = service.verifiedRedirect(query.get("u"), query.get("l"), query.get("m"), query.get("s"));
        }
        return switch (outcome) {
            case ClickOutcome.Redirect redirect -> {
                Map<String, String> headers = new LinkedHashMap<>(NO_CACHE);
                headers.put("Location", redirect.location());
                headers.put("Referrer-Policy", "no-referrer");
                yield APIGatewayV2HTTPResponse.builder().withStatusCode(302).withHeaders(headers).build();
            }
            case ClickOutcome.Refused refused -> {
                LOG.info("click refused reason=invalid-signature-target-or-ids");
                yield text(400, "this link is not valid");
            }
        };
    }

    /** {@code GET /t/s}: verifies the link and shows the confirmation page; records nothing (scanners fetch links). */
    private APIGatewayV2HTTPResponse surveyConfirmation(SurveyAnswers answers, APIGatewayV2HTTPEvent event) {
        Map<String, String> query = query(event);
        Optional<SurveyAnswers.Answer> answer = answers.verify(query.get("q"), query.get("a"), query.get("l"),
                query.get("m"), query.get("s"));
        if (answer.isEmpty()) {
            LOG.info("survey link refused reason=invalid-signature-or-ids");
            return text(400, "this link is not valid");
        }
        return html(SurveyPages.confirm(answer.get()));
    }

    /** {@code POST /t/s}: the confirmation page's button; the signed parts come back as form fields. */
    private APIGatewayV2HTTPResponse surveyAnswer(SurveyAnswers answers, APIGatewayV2HTTPEvent event) {
        String mediaType = header(event, "content-type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/x-www-form-urlencoded")) {
            return text(415, "content type must be application/x-www-form-urlencoded");
        }
        byte[] body = body(event);
        if (body == null) {
            return text(400, "body is not valid base64");
        }
        if (body.length > MAX_SURVEY_FORM_BYTES) {
            return text(413, "body must be at most " + MAX_SURVEY_FORM_BYTES + " bytes");
        }
        Optional<Map<String, String>> form = dev.lem.lambda.FormFields.parse(new String(body, StandardCharsets.UTF_8));
        if (form.isEmpty()) {
            return text(400, "body is not a valid form");
        }
        Map<String, String> fields = form.get();
        SurveyAnswers.Result result;
        try {
            result = answers.record(fields.get("q"), fields.get("a"), fields.get("l"), fields.get("m"), fields.get("s"),
                    header(event, "user-agent").orElse(null), clock.instant());
        } catch (QueueUnavailableException | EventPublishException e) {
            LOG.warn("survey answer not recorded error={}", e.getClass().getSimpleName());
            return text(503, "your answer could not be recorded just now: please send it again in a minute");
        }
        if (result == SurveyAnswers.Result.INVALID) {
            LOG.info("survey answer refused reason=invalid-signature-or-ids");
            return text(400, "this link is not valid");
        }
        return html(THANKS_PAGE);
    }

    private static APIGatewayV2HTTPResponse html(String page) {
        Map<String, String> headers = new LinkedHashMap<>(NO_CACHE);
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", SurveyPages.CONTENT_SECURITY_POLICY);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withBody(page).build();
    }

    /** The confirmation form's five signed fields fit well within this. */
    static final int MAX_SURVEY_FORM_BYTES = 2048;

    static final String THANKS_PAGE = SurveyPages.THANKS;

    private APIGatewayV2HTTPResponse beacon(APIGatewayV2HTTPEvent event) {
        Optional<String> origin = header(event, "origin").filter(allowedOrigins::contains);
        if (origin.isEmpty()) {
            LOG.info("beacon refused reason=origin-not-allowed");
            return text(403, "origin not allowed");
        }
        Map<String, String> cors = cors(origin.get());
        String mediaType = header(event, "content-type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/plain") && !mediaType.equals("application/json")) {
            return text(415, "content type must be text/plain or application/json", cors);
        }
        byte[] body = body(event);
        if (body == null) {
            return text(400, "body is not valid base64", cors);
        }
        if (body.length > Beacon.MAX_BYTES) {
            return text(413, "body must be at most " + Beacon.MAX_BYTES + " bytes", cors);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return text(400, "body is not valid UTF-8", cors);
        }
        Optional<String> cookieVisitor = cookie(event, VISITOR_COOKIE);
        BeaconOutcome outcome;
        try {
            outcome = service.recordBeacon(text, cookieVisitor, clock.instant());
        } catch (QueueUnavailableException e) {
            LOG.warn("beacon not recorded error={}", e.getClass().getSimpleName());
            return text(503, "try again later", cors);
        }
        return switch (outcome) {
            case BeaconOutcome.Recorded recorded -> {
                List<String> cookies = cookieVisitor.filter(recorded.visitorId()::equals).isPresent() ? null
                        : List.of(visitorCookie(recorded.visitorId()));
                yield APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(cors).withCookies(cookies).build();
            }
            case BeaconOutcome.Refused refused -> {
                LOG.info("beacon refused malformed={}", refused.reason().malformed());
                yield text(refused.reason().malformed() ? 400 : 422, refused.reason().getMessage(), cors);
            }
        };
    }

    private APIGatewayV2HTTPResponse preflight(APIGatewayV2HTTPEvent event) {
        Optional<String> origin = header(event, "origin").filter(allowedOrigins::contains);
        if (origin.isEmpty()) {
            return text(403, "origin not allowed");
        }
        Map<String, String> headers = cors(origin.get());
        headers.put("Access-Control-Allow-Methods", "POST, OPTIONS");
        headers.put("Access-Control-Allow-Headers", "content-type");
        headers.put("Access-Control-Max-Age", "3600");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(headers).build();
    }

    private static Map<String, String> cors(String origin) {
        Map<String, String> headers = new LinkedHashMap<>(NO_CACHE);
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Credentials", "true");
        headers.put("Vary", "Origin");
        return headers;
    }

    static String visitorCookie(String visitorId) {
        return VISITOR_COOKIE + "=" + visitorId + COOKIE_ATTRIBUTES;
    }

    /** The matched route key ({@code GET /t/c}); method and raw path when there is none. */
    private static String route(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        if (routeKey != null && !routeKey.isBlank() && !routeKey.equals("$default")) {
            return routeKey;
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null
                && event.getRawPath() != null) {
            return context.getHttp().getMethod().toUpperCase(Locale.ROOT) + " " + event.getRawPath();
        }
        return "";
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
    }

    private static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** A cookie of the request (HTTP API puts them in {@code cookies}, one {@code name=value} each). */
    static Optional<String> cookie(APIGatewayV2HTTPEvent event, String name) {
        return dev.lem.lambda.RequestCookies.find(event, name);
    }

    /** The raw body bytes, or null when a base64 body does not decode. */
    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static APIGatewayV2HTTPResponse text(int status, String message) {
        return text(status, message, new LinkedHashMap<>(NO_CACHE));
    }

    private static APIGatewayV2HTTPResponse text(int status, String message, Map<String, String> baseHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(message + "\n").build();
    }
}
