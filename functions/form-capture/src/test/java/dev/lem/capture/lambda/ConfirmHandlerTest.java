package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.bus.EventPublishException;
import dev.lem.capture.ConfirmationLinks;
import dev.lem.capture.DoubleOptIn;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormSubmission;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.events.LeadStateChanged;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.LeadState;
import dev.lem.messaging.NotifyMessage;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /f/{formId}/confirm} through the handler: the state change is published, a bus outage is a 503. */
class ConfirmHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    private static final byte[] KEY = new byte[32];
    private static final IdentityHasher HASHER = new IdentityHasher(KEY);
    private static final FormTokens TOKENS = new FormTokens(KEY, new SecureRandom());

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue notify = new RecordingQueue();
    private final FormCaptureService service = new FormCaptureService(forms, leads, HASHER, bus, new RecordingQueue(),
            new SpamDefence(TOKENS, new InMemorySpamDefenceStore(), HASHER, Optional.empty()),
            new InMemoryCaptureIdempotencyStore(),
            Optional.of(new DoubleOptIn(new ConfirmationLinks(KEY, URI.create("https://api.example.com/")), notify)));
    private final FormCaptureHandler handler = new FormCaptureHandler(service, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    private APIGatewayV2HTTPEvent confirmRequest() {
        FormDefinition demo = FormDefinition.demo("https://www.example.com/thanks", List.of());
        forms.save(new FormDefinition("news", "Newsletter", demo.fields(), "consent-email-2026-11",
                "https://www.example.com/thanks", List.of(), true, 1));
        service.submit(new FormSubmission("req-1", "news", Optional.of("application/x-www-form-urlencoded"),
                "email=ada%40example.com&consent_email=on", Optional.empty(), T0, Optional.empty(),
                Optional.of(TOKENS.issue("news", T0.minusSeconds(10))), Optional.empty(), Optional.empty()));
        URI link = URI.create(Json.read(notify.bodies().getFirst(), NotifyMessage.class).data().get("confirmUrl"));
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /f/{formId}/confirm").withRawPath(link.getPath())
                .withPathParameters(Map.of("formId", "news")).withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();
    }

    @Test
    void handleRequest_whenConfirmed_answers303AndPublishesTheStateChange() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(confirmRequest(), null);

        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(bus.published()).filteredOn(LeadStateChanged.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((LeadStateChanged) e).to()).isEqualTo("subscriber"));
    }

    @Test
    void handleRequest_whenTheBusIsDown_answers503AndTheNextClickPublishes() {
        APIGatewayV2HTTPEvent request = confirmRequest();
        bus.failNextCallWith(new EventPublishException("bus down", null));

        APIGatewayV2HTTPResponse failed = handler.handleRequest(request, null);
        APIGatewayV2HTTPResponse again = handler.handleRequest(request, null);

        assertThat(failed.getStatusCode()).isEqualTo(503);
        assertThat(leads.all().getFirst().state()).isEqualTo(LeadState.SUBSCRIBER);
        assertThat(again.getStatusCode()).isEqualTo(303);
        assertThat(bus.published()).filteredOn(LeadStateChanged.class::isInstance).hasSize(1);
    }
}
