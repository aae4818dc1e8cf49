package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus ({@code src/test/resources/hostile/*.json}): each file is one request an attacker or a broken
 * client might send. Every one must be answered with its 4xx (or, for a filled honeypot, the silent success), never a
 * 5xx, and must store, queue and publish nothing. File format: {@code description}, {@code expect} (a status or
 * {@code "honeypot"}), {@code contentType} (null: none), {@code method}, {@code formId}, {@code headers}, and the body
 * as {@code body}, {@code bodyBase64} (bytes), {@code bodyBase64Raw} (sent as is, flagged base64) or {@code bodyRepeat}
 * ({@code prefix} + {@code count} × {@code unit} with {@code {i}} numbered + {@code suffix}); {@code token} is
 * {@code valid} (default), {@code none}, {@code forged}, {@code other-form}, {@code expired}, {@code future},
 * {@code too-fast} or {@code replayed}; {@code rateUsed} pre-fills this minute's counter for the client's IP.
 */
class HostileInputsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String IP = "203.0.113.7";
    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final FormTokens TOKENS = new FormTokens(
            "form-token-key-for-tests-only-32-bytes".getBytes(StandardCharsets.UTF_8), new SecureRandom());
    private static final FormDefinition FORM = new FormDefinition("demo", "Hostile target", List.of(
            FieldDefinition.of("email", "Email", FieldType.EMAIL, true),
            new FieldDefinition("name", "Name", FieldType.TEXT, false, 100, null),
            FieldDefinition.of("phone", "Phone", FieldType.PHONE, false),
            FieldDefinition.of("website", "Website", FieldType.URL, false),
            FieldDefinition.consent("consent_email", "Email me", "email")),
            "consent-v1", "https://www.example.com/thanks", List.of("https://www.example.com"), false, 1);

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue activities = new RecordingQueue();
    private final InMemoryCaptureIdempotencyStore idempotencyStore = new InMemoryCaptureIdempotencyStore();
    private final InMemorySpamDefenceStore spamStore = new InMemorySpamDefenceStore();
    private final IdentityHasher hasher = new IdentityHasher(IDENTITY_KEY);
    private final FormCaptureHandler handler = new FormCaptureHandler(new FormCaptureService(forms, leads, hasher, bus,
            activities, new SpamDefence(TOKENS, spamStore, hasher, Optional.empty()), idempotencyStore), Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileInputsTest.class.getClassLoader().getResource("hostile").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void corpus_whenListed_holdsAtLeastFiftyCases() throws Exception {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void handleRequest_whenHostile_answersItsClientErrorAndWritesNothing(Path file) throws IOException {
        forms.save(FORM);
        JsonNode spec = Json.tree(Files.readString(file, StandardCharsets.UTF_8));
        APIGatewayV2HTTPEvent event = event(spec);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        String expect = spec.get("expect").asText();
        if (expect.equals("honeypot")) {
            assertThat(response.getStatusCode()).as(spec.get("description").asText()).isIn(201, 303);
        } else {
            assertThat(response.getStatusCode()).as(spec.get("description").asText()).isEqualTo(Integer.parseInt(expect));
        }
        assertThat(response.getStatusCode()).isBetween(200, 499);
        assertThat(leads.writes()).isEmpty();
        assertThat(leads.all()).isEmpty();
        assertThat(bus.published()).isEmpty();
        assertThat(activities.bodies()).isEmpty();
        assertThat(response.getHeaders().values()).noneMatch(v -> v.contains("\r") || v.contains("\n"));
    }

    private APIGatewayV2HTTPEvent event(JsonNode spec) {
        String formId = spec.path("formId").asText("demo");
        Map<String, String> headers = new HashMap<>();
        JsonNode contentType = spec.get("contentType");
        if (contentType != null && !contentType.isNull()) {
            headers.put("content-type", contentType.asText());
        }
        spec.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        token(spec.path("token").asText("valid")).ifPresent(t -> headers.put("x-lem-token", t));
        for (int i = 0; i < spec.path("rateUsed").asInt(0); i++) {
            long second = NOW.getEpochSecond();
            Instant minute = Instant.ofEpochSecond(second - second % 60);
            spamStore.countSubmission("demo", hasher.hashIp(IP), minute, minute.plusSeconds(120));
        }
        String body;
        boolean base64 = false;
        if (spec.has("bodyBase64")) {
            body = spec.get("bodyBase64").asText();
            base64 = true;
        } else if (spec.has("bodyBase64Raw")) {
            body = spec.get("bodyBase64Raw").asText();
            base64 = true;
        } else if (spec.has("bodyRepeat")) {
            JsonNode r = spec.get("bodyRepeat");
            StringBuilder b = new StringBuilder(r.get("prefix").asText());
            for (int i = 0; i < r.get("count").asInt(); i++) {
                b.append(r.get("unit").asText().replace("{i}", Integer.toString(i)));
            }
            body = b.append(r.get("suffix").asText()).toString();
        } else {
            body = spec.path("body").asText("");
        }
        String method = spec.path("method").asText("POST");
        return APIGatewayV2HTTPEvent.builder().withRawPath("/f/" + formId).withHeaders(headers)
                .withPathParameters(Map.of("formId", formId))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("hostile-req")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                .withPath("/f/" + formId).withSourceIp(IP).build()).build())
                .withBody(body).withIsBase64Encoded(base64).build();
    }

    private Optional<String> token(String mode) {
        return switch (mode) {
            case "none" -> Optional.empty();
            case "valid" -> Optional.of(TOKENS.issue("demo", NOW.minusSeconds(10)));
            case "forged" -> Optional.of(new FormTokens(new byte[32], new SecureRandom()).issue("demo", NOW.minusSeconds(10)));
            case "other-form" -> Optional.of(TOKENS.issue("other", NOW.minusSeconds(10)));
            case "expired" -> Optional.of(TOKENS.issue("demo", NOW.minus(Duration.ofHours(3))));
            case "future" -> Optional.of(TOKENS.issue("demo", NOW.plus(Duration.ofHours(1))));
            case "too-fast" -> Optional.of(TOKENS.issue("demo", NOW.minusSeconds(1)));
            case "replayed" -> {
                String token = TOKENS.issue("demo", NOW.minusSeconds(10));
                spamStore.claimToken(TOKENS.verify("demo", token).orElseThrow().nonce(), NOW.plus(Duration.ofHours(2)));
                yield Optional.of(token);
            }
            default -> throw new UncheckedIOException(new IOException("unknown token mode " + mode));
        };
    }
}
