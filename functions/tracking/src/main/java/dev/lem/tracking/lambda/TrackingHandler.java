package dev.lem.tracking.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.aws.SecretEnvironment;
import dev.lem.config.Env;
import dev.lem.links.LinkSigner;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.queue.aws.SqsMessageQueue;
import dev.lem.tracking.TrackingConfig;
import dev.lem.tracking.TrackingService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /t/o.gif: records the open and answers a 1×1 transparent GIF that no cache keeps. A pixel whose
 * signature does not verify gets 400 (and the same GIF, so no broken image shows) and records nothing.
 */
public final class TrackingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingHandler.class);
    static final String GIF_BASE64 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

    private final TrackingService service;
    private final Clock clock;

    public TrackingHandler() {
        this(wire(TrackingConfig.fromEnv(SecretEnvironment.resolve(Env.system()))), Clock.systemUTC());
    }

    public TrackingHandler(TrackingService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public static TrackingService wire(TrackingConfig config) {
        return new TrackingService(new LinkSigner(config.trackingKey()),
                new SqsMessageQueue(AwsClients.sqs(config.aws()), config.activityQueueUrl()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        try {
            TrackingService.Result result = service.recordOpen(query.get("l"), query.get("m"), query.get("s"), clock.instant());
            if (result == TrackingService.Result.INVALID) {
                LOG.info("pixel refused reason=invalid-signature-or-ids");
                return gif(400);
            }
            return gif(200);
        } catch (QueueUnavailableException e) {
            LOG.warn("pixel not recorded error={}", e.getClass().getSimpleName());
            return gif(503);
        }
    }

    private static APIGatewayV2HTTPResponse gif(int status) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "image/gif",
                        "Cache-Control", "no-store, no-cache, must-revalidate, max-age=0",
                        "X-Content-Type-Options", "nosniff"))
                .withIsBase64Encoded(true).withBody(GIF_BASE64).build();
    }

}
