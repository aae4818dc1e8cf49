package dev.lem.local.bench.jmh;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.tracking.TrackingService;
import dev.lem.tracking.lambda.TrackingHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code GET /t/o.gif}: the tracking handler with a signed open (HMAC check, user-agent classification, the
 * activity's JSON) over 1 024 distinct prepared events; the activity queue records in memory.
 */
@State(Scope.Thread)
public class PixelBenchmark {

    private static final int DISTINCT_EVENTS = 1024;
    private static final String USER_AGENT =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

    private TrackingHandler handler;
    private APIGatewayV2HTTPEvent[] events;
    private int next;

    @Setup(Level.Iteration)
    public void setUp() {
        // each invocation still builds its EMF line (measured); only Lambda's write of it to stdout is left out
        dev.lem.lambda.InvocationMetering.sendTo(line -> { });
        LinkSigner signer = new LinkSigner("pixel-benchmark-key-32-bytes-long!".getBytes(StandardCharsets.UTF_8));
        handler = new TrackingHandler(new TrackingService(signer, new RecordingQueue()), Clock.systemUTC());
        events = new APIGatewayV2HTTPEvent[DISTINCT_EVENTS];
        for (int i = 0; i < events.length; i++) {
            String lead = LeadId.random().value();
            String message = "welcome.1." + lead;
            events[i] = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /t/o.gif")
                    .withRawPath("/t/o.gif")
                    .withQueryStringParameters(Map.of("l", lead, "m", message, "s", signer.sign("open", lead, message)))
                    .withHeaders(Map.of("user-agent", USER_AGENT, "host", "t.lem.example"))
                    .withCookies(i % 2 == 0 ? null : List.of("lem_vid=AAECAwQFBgcICQoLDA0ODw"))
                    .build();
        }
    }

    @Benchmark
    public APIGatewayV2HTTPResponse pixel() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(events[next++ & (DISTINCT_EVENTS - 1)], null);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("pixel answered " + response.getStatusCode());
        }
        return response;
    }
}
