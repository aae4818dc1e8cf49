package dev.lem.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.queue.MessageQueue;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open pixel in-process: a prepared {@code APIGatewayV2HTTPEvent} in, the handler's response out, on
 * one thread. The activity queue is an in-memory counter, so the figure is the handler's own cost (HMAC
 * check, user-agent classification, JSON of the activity) without the SQS round trip.
 */
final class PixelBench {

    private static final int DISTINCT_EVENTS = 1024;
    private static final String USER_AGENT =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

    private PixelBench() {}

    static Latencies run(int warmUp, int hits) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        LinkSigner signer = new LinkSigner(key);
        AtomicLong sent = new AtomicLong();
        MessageQueue queue = body -> sent.incrementAndGet();
        TrackingHandler handler = new TrackingHandler(new TrackingService(signer, queue), Clock.systemUTC());

        APIGatewayV2HTTPEvent[] events = new APIGatewayV2HTTPEvent[DISTINCT_EVENTS];
        for (int i = 0; i < events.length; i++) {
            String lead = LeadId.random().value();
            String message = "welcome.1." + lead;
            events[i] = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /t/o.gif")
                    .withRawPath("/t/o.gif")
                    .withQueryStringParameters(Map.of("l", lead, "m", message, "s", signer.sign("open", lead, message)))
                    .withHeaders(Map.of("user-agent", USER_AGENT, "host", "t.lem.example"))
                    .withCookies(i % 2 == 0 ? null : java.util.List.of("lem_vid=AAECAwQFBgcICQoLDA0ODw"))
                    .build();
        }
        for (int i = 0; i < warmUp; i++) {
            check(handler.handleRequest(events[i % DISTINCT_EVENTS], null));
        }
        long before = sent.get();
        long[] nanos = new long[hits];
        long start = System.nanoTime();
        for (int i = 0; i < hits; i++) {
            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(events[i % DISTINCT_EVENTS], null);
            nanos[i] = System.nanoTime() - t0;
            check(response);
        }
        long wall = System.nanoTime() - start;
        if (sent.get() - before != hits) {
            throw new IllegalStateException("expected one queue send per hit, got " + (sent.get() - before));
        }
        return new Latencies("pixel GET /t/o.gif (in-process, queue faked)", nanos, wall);
    }

    private static void check(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("pixel answered " + response.getStatusCode());
        }
    }
}
