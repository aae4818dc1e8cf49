package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.bus.EventPublishException;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import java.security.SecureRandom;
import java.util.Optional;
import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.store.StoreUnavailableException;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormCaptureHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue activities = new RecordingQueue();
    static final FormTokens TOKENS = new FormTokens(
            "form-token-key-for-tests-only-32-bytes".getBytes(StandardCharsets.UTF_8), new SecureRandom());
    private final InMemoryCaptureIdempotencyStore idempotencyStore = new InMemoryCaptureIdempotencyStore();
    private final InMemorySpamDefenceStore spamStore = new InMemorySpamDefenceStore();
    private final FormCaptureHandler handler = new FormCaptureHandler(
            new FormCaptureService(forms, leads, new IdentityHasher(IDENTITY_KEY), bus, activities,
                    new SpamDefence(TOKENS, spamStore, new IdentityHasher(IDENTITY_KEY), Optional.empty()), idempotencyStore),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void seedForm() {
        forms.save(FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com")));
    }

    @Test
    void handleRequest_whenHtmlFormPostedBase64Encoded_decodesItAndRedirects303ToTheThankYouPage() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("apigw/form-post-urlencoded.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(303);
        assertThat(response.getHeaders()).containsEntry("Location", "https://www.example.com/thanks")
                .containsEntry("Cache-Control", "no-store");
        assertThat(leads.all()).singleElement().satisfies(lead -> {
            assertThat(lead.email().value()).isEqualTo("ada@example.com");
            assertThat(lead.profile()).containsEntry("name", "Ada Lovelace").containsEntry("company", "Café");
            assertThat(lead.hasConsent("email")).isTrue();
        });
    }

    @Test
    void handleRequest_whenRequestIdPresent_derivesTheActivityAndEventIdsFromIt() {
        handler.handleRequest(fixture("apigw/form-post-urlencoded.json"), null);

        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).activityId()).isEqualTo("Jx1QwgFbjoEEMsg.");
        assertThat(bus.published().getFirst().eventId()).isEqualTo("capture-Jx1QwgFbjoEEMsg.");
    }

    @Test
    void handleRequest_whenRequestIdEndsInPadding_derivesIdsTheEventContractAccepts() {
        // API Gateway request ids end in '=', which lead.captured's eventId and lead.scored's cause do not allow
        String eventIdPattern = contractPattern("lead.captured", "eventId");
        String causePattern = contractPattern("lead.scored", "cause");

        handler.handleRequest(fixture("apigw/form-post-urlencoded.json"), null);

        assertThat(bus.published().getFirst().eventId()).matches(eventIdPattern);
        String activityId = Json.read(activities.bodies().getFirst(), Activity.class).activityId();
        assertThat(activityId).matches(causePattern);
        assertThat("scored-" + activityId).matches(contractPattern("lead.scored", "eventId"));
    }

    @Test
    void handleRequest_whenRequestIdsDifferOnlyInPadding_keepsTheirIdsDistinct() {
        APIGatewayV2HTTPEvent padded = fixture("apigw/form-post-urlencoded.json");
        APIGatewayV2HTTPEvent unpadded = fixture("apigw/form-post-urlencoded.json");
        unpadded.getRequestContext().setRequestId("Jx1QwgFbjoEEMsg");

        handler.handleRequest(padded, null);
        handler.handleRequest(unpadded, null);

        assertThat(bus.published()).extracting(e -> e.eventId()).doesNotHaveDuplicates();
    }

    @Test
    void handleRequest_whenRequestIdMissingOrOdd_capturesUnderAFreshUniqueId() {
        APIGatewayV2HTTPEvent first = fixture("apigw/form-post-urlencoded.json");
        first.getRequestContext().setRequestId(null);
        APIGatewayV2HTTPEvent second = fixture("apigw/form-post-urlencoded.json");
        second.getRequestContext().setRequestId("../../etc/passwd");

        handler.handleRequest(first, null);
        handler.handleRequest(second, null);

        List<String> ids = activities.bodies().stream().map(b -> Json.read(b, Activity.class).activityId()).toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f-]{36}"));
    }

    @Test
    void handleRequest_whenBase64BodyIsBroken_answers400InJsonAndStoresNothing() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-urlencoded.json");
        event.setBody("not base64 at all!");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(Json.tree(response.getBody()).get("error").asText()).isEqualTo("body is not valid base64");
        assertThat(leads.all()).isEmpty();
    }

    @Test
    void handleRequest_whenHeaderNamesAndMediaTypeInOddCase_stillReadsTheContentType() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-urlencoded.json");
        event.setHeaders(new HashMap<>(Map.of("CONTENT-TYPE", "Application/X-WWW-Form-Urlencoded; Charset=UTF-8",
                "X-LEM-TOKEN", token())));

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(303);
    }

    @Test
    void handleRequest_whenNoHeadersAtAll_answers415() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-urlencoded.json");
        event.setHeaders(null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(Json.tree(response.getBody()).get("error").asText()).contains("Content-Type");
    }

    @Test
    void handleRequest_whenFormHasNoThankYouPage_answers201JsonEvenForAnHtmlPost() {
        forms.save(FormDefinition.demo(null, List.of()));

        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("apigw/form-post-urlencoded.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(Json.tree(response.getBody()).get("leadId").asText()).isEqualTo(leads.all().getFirst().id().value());
    }

    @Test
    void handleRequest_whenJsonPosted_answers201WithTheLeadId() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("apigw/form-post-json.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Content-Type-Options", "nosniff");
        JsonNode body = Json.tree(response.getBody());
        Lead lead = leads.all().getFirst();
        assertThat(body.get("leadId").asText()).isEqualTo(lead.id().value());
        assertThat(body.get("newLead").asBoolean()).isTrue();
        assertThat(lead.hasConsent("email")).isFalse();
    }

    @Test
    void handleRequest_whenJsonPostedTwice_answersTheSameLeadIdAsNotNew() {
        String first = Json.tree(handler.handleRequest(fixture("apigw/form-post-json.json"), null).getBody()).get("leadId").asText();

        JsonNode second = Json.tree(handler.handleRequest(fixture("apigw/form-post-json.json"), null).getBody());

        assertThat(second.get("leadId").asText()).isEqualTo(first);
        assertThat(second.get("newLead").asBoolean()).isFalse();
    }

    @Test
    void handleRequest_whenJsonFieldsInvalid_answers422WithAnErrorPerField() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-json.json");
        event.setBody("{\"email\":\"grace@\",\"name\":\"" + "G".repeat(300) + "\"}");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode body = Json.tree(response.getBody());
        assertThat(body.get("error").asText()).isEqualTo("some fields are invalid");
        assertThat(body.get("fields").get("email").asText()).isEqualTo("Work email is not a valid email address");
        assertThat(body.get("fields").get("name").asText()).isEqualTo("Name must be at most 256 characters");
        assertThat(body.get("fields").size()).isEqualTo(2);
    }

    @Test
    void handleRequest_whenJsonRejectedWithoutFieldErrors_leavesFieldsOut() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-json.json");
        event.setBody("[]");

        JsonNode body = Json.tree(handler.handleRequest(event, null).getBody());

        assertThat(body.has("fields")).isFalse();
        assertThat(body.get("error").asText()).isEqualTo("body must be a JSON object of field values");
    }

    @Test
    void handleRequest_whenHtmlFormInvalid_answersAnHtmlPageWithMessagesEscaped() {
        forms.save(new FormDefinition("demo", "Demo", List.of(
                FieldDefinition.of("email", "<script>alert('x')</script> & \"email\"", FieldType.EMAIL, true)),
                "v1", "https://www.example.com/thanks", List.of(), false, 1));
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-urlencoded.json");
        event.setBody(Base64.getEncoder().encodeToString("email=nope".getBytes(StandardCharsets.UTF_8)));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertThat(response.getBody())
                .contains("<li>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;email&quot; is not a valid email address</li>")
                .doesNotContain("<script>");
    }

    @Test
    void handleRequest_whenFormUnknown_answers404() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-json.json");
        event.setPathParameters(Map.of("formId", "../admin"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(Json.tree(response.getBody()).get("error").asText()).isEqualTo("unknown form");
    }

    @Test
    void handleRequest_whenNoPathParameters_answers404() {
        APIGatewayV2HTTPEvent event = fixture("apigw/form-post-json.json");
        event.setPathParameters(null);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }

    static Stream<Arguments> outages() {
        return Stream.<Arguments>of(
                Arguments.of("store down", (Consumer<FormCaptureHandlerTest>) t -> t.leads.failEveryCallWith(
                        new StoreUnavailableException("get identity throttled", null))),
                Arguments.of("bus down", (Consumer<FormCaptureHandlerTest>) t -> t.bus.failEveryCallWith(
                        new EventPublishException("PutEvents failed", null))),
                Arguments.of("queue down", (Consumer<FormCaptureHandlerTest>) t -> t.activities.failEveryCallWith(
                        new QueueUnavailableException("SendMessage failed", null))),
                Arguments.of("lead keeps changing", (Consumer<FormCaptureHandlerTest>) t -> t.leads.conflictOnEveryWrite()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void handleRequest_whenADependencyIsUnavailable_answers503WithRetryAfterNever500(String what,
                                                                                   Consumer<FormCaptureHandlerTest> outage) {
        outage.accept(this);

        APIGatewayV2HTTPResponse response = handler.handleRequest(fixture("apigw/form-post-json.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "5").containsEntry("Content-Type", "application/json");
        assertThat(Json.tree(response.getBody()).get("error").asText()).contains("retry");
    }

    /** A property's pattern in the shared event contract (read as JSON: form capture ships no schema validator). */
    private static String contractPattern(String detailType, String property) {
        try (InputStream in = FormCaptureHandlerTest.class.getClassLoader()
                .getResourceAsStream("events/" + detailType + "/schema.v1.json")) {
            return Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .at("/properties/" + property + "/pattern").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String token() {
        return TOKENS.issue("demo", NOW.minusSeconds(10));
    }

    static APIGatewayV2HTTPEvent fixture(String path) {
        try (InputStream in = FormCaptureHandlerTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            APIGatewayV2HTTPEvent event = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), APIGatewayV2HTTPEvent.class);
            // a browser that fetched a token 10 s before posting; each fixture is a separate submission (its own key)
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.put("x-lem-token", token());
            headers.put("idempotency-key", java.util.UUID.randomUUID().toString());
            event.setHeaders(headers);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
