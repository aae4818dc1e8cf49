package dev.lem.tracking.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.links.LinkSigner;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.tracking.TrackingService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrackingHandlerTest {

    private static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final String MESSAGE = "welcome.1." + LEAD;
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private final RecordingQueue activities = new RecordingQueue();
    private final TrackingHandler handler = new TrackingHandler(
            new TrackingService(new LinkSigner(TRACKING_KEY), activities), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void handleRequest_whenPixelSigned_answers200WithATransparentGifNoCacheKeeps() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(validQuery()), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "image/gif")
                .containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(response.getHeaders().get("Cache-Control")).contains("no-store").contains("no-cache").contains("max-age=0");
        assertThat(response.getIsBase64Encoded()).isTrue();
        assertIsOneByOneGif(Base64.getDecoder().decode(response.getBody()));
    }

    @Test
    void handleRequest_whenPixelSigned_queuesTheOpenAtTheClocksTime() {
        handler.handleRequest(pixelHit(validQuery()), null);

        Activity open = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(open.type()).isEqualTo("email.open");
        assertThat(open.leadId().value()).isEqualTo(LEAD);
        assertThat(open.occurredAt()).isEqualTo(NOW);
        assertThat(open.attributes()).containsEntry("messageId", MESSAGE);
    }

    @Test
    void handleRequest_whenSignatureForged_answers400WithTheSameGifAndQueuesNothing() throws IOException {
        Map<String, String> query = validQuery();
        query.put("s", "AAAAAAAAAAAAAAAAAAAAAA");

        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(query), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "image/gif");
        assertIsOneByOneGif(Base64.getDecoder().decode(response.getBody()));
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenNoQueryString_answers400() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/o.gif").withRawPath("/t/o.gif").build();

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void handleRequest_whenActivityQueueUnavailable_answers503StillWithTheGif() throws IOException {
        activities.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));

        APIGatewayV2HTTPResponse response = handler.handleRequest(pixelHit(validQuery()), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertIsOneByOneGif(Base64.getDecoder().decode(response.getBody()));
    }

    private static void assertIsOneByOneGif(byte[] gif) throws IOException {
        assertThat(new String(Arrays.copyOf(gif, 6), StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(gif[gif.length - 1]).isEqualTo((byte) 0x3B);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(gif));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(0, 0) >>> 24).as("alpha of the only pixel").isZero();
    }

    private static Map<String, String> validQuery() {
        Map<String, String> query = new HashMap<>();
        query.put("l", LEAD);
        query.put("m", MESSAGE);
        query.put("s", new LinkSigner(TRACKING_KEY).sign("open", LEAD, MESSAGE));
        return query;
    }

    private static APIGatewayV2HTTPEvent pixelHit(Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /t/o.gif").withRawPath("/t/o.gif")
                .withQueryStringParameters(query).withHeaders(Map.of("user-agent", "Mozilla/5.0")).build();
    }
}
