package dev.lem.capture.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.FieldChange;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The handler over the real DynamoDB adapters on DynamoDB Local: token replay, the rate limit, dedupe and merge by
 * email, progressive profiling history, attribution, and idempotency. Bus and queue are recorded.
 */
@ExtendWith(AwsEnginesExtension.class)
class FormCaptureHandlerIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    private static final String SITE = "https://www.example.com";
    private static final byte[] IDENTITY_KEY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final IdentityHasher HASHER = new IdentityHasher(IDENTITY_KEY);
    private static final FormTokens TOKENS = new FormTokens(
            "form-token-key-for-tests-only-32-bytes".getBytes(StandardCharsets.UTF_8), new SecureRandom());

    private final DynamoDbLeadStore leads;
    private final RecordingEventBus bus = new RecordingEventBus();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final FormCaptureHandler handler;

    FormCaptureHandlerIT(AwsEngines engines) {
        String table = engines.createTable();
        var dynamo = engines.dynamoDb();
        DynamoDbFormStore forms = new DynamoDbFormStore(dynamo, table);
        forms.save(FormDefinition.demo(SITE + "/thanks", List.of(SITE)));
        leads = new DynamoDbLeadStore(dynamo, table);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        handler = new FormCaptureHandler(new FormCaptureService(forms, leads, HASHER, bus, new RecordingQueue(),
                new SpamDefence(TOKENS, new DynamoDbSpamDefenceStore(dynamo, table), HASHER, Optional.empty()),
                new DynamoDbCaptureIdempotencyStore(dynamo, table)), clock);
    }

    private APIGatewayV2HTTPResponse post(String json, String token, String ip, Optional<String> key) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json", "x-lem-token", token));
        key.ifPresent(k -> headers.put("idempotency-key", k));
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/f/demo").withHeaders(headers)
                .withPathParameters(Map.of("formId", "demo"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(UUID.randomUUID().toString())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withSourceIp(ip).build())
                        .build())
                .withBody(json).withIsBase64Encoded(false).build(), null);
    }

    private APIGatewayV2HTTPResponse post(String json) {
        return post(json, TOKENS.issue("demo", now.get().minusSeconds(10)), "203.0.113.7", Optional.of(UUID.randomUUID().toString()));
    }

    private Lead stored(String email) {
        return leads.findByEmailHash(HASHER.hash(EmailAddress.parse(email).orElseThrow())).orElseThrow();
    }

    @Test
    void handleRequest_whenTokenReplayed_answers409OnTheRealStore() {
        String token = TOKENS.issue("demo", T0.minusSeconds(10));
        assertThat(post("{\"email\":\"ada@example.com\"}", token, "203.0.113.7", Optional.empty()).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse replay = post("{\"email\":\"eve@example.com\"}", token, "203.0.113.7", Optional.empty());

        assertThat(replay.getStatusCode()).isEqualTo(409);
        assertThat(leads.findByEmailHash(HASHER.hash(EmailAddress.parse("eve@example.com").orElseThrow()))).isEmpty();
    }

    @Test
    void handleRequest_whenOneIpExceedsTheLimit_answers429UntilTheNextMinute() {
        for (int i = 0; i < 10; i++) {
            assertThat(post("{\"email\":\"rate" + i + "@example.com\"}", TOKENS.issue("demo", T0.minusSeconds(10)),
                    "198.51.100.1", Optional.empty()).getStatusCode()).isEqualTo(201);
        }

        APIGatewayV2HTTPResponse limited = post("{\"email\":\"rate10@example.com\"}", TOKENS.issue("demo", T0.minusSeconds(10)),
                "198.51.100.1", Optional.empty());
        now.set(T0.plusSeconds(30));
        APIGatewayV2HTTPResponse nextMinute = post("{\"email\":\"rate10@example.com\"}",
                TOKENS.issue("demo", T0.minusSeconds(10)), "198.51.100.1", Optional.empty());

        assertThat(limited.getStatusCode()).isEqualTo(429);
        assertThat(limited.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(nextMinute.getStatusCode()).isEqualTo(201);
    }

    @Test
    void handleRequest_whenSameEmailSpelledDifferently_mergesIntoOneLeadWithHistoryAndAttribution() {
        String first = Json.tree(post("{\"email\":\"Grace@Example.com\",\"company\":\"Navy\",\"lem_utm_source\":\"newsletter\"}")
                .getBody()).get("leadId").asText();
        now.set(T0.plusSeconds(3600));
        String second = Json.tree(post("{\"email\":\"grace@EXAMPLE.com\",\"name\":\"Grace\",\"company\":\"Harvard\","
                + "\"lem_gclid\":\"abc\",\"consent_email\":true}").getBody()).get("leadId").asText();

        assertThat(second).isEqualTo(first);
        Lead lead = stored("grace@example.com");
        assertThat(lead.profile()).containsEntry("name", "Grace").containsEntry("company", "Harvard");
        assertThat(lead.profileHistory().get("company")).containsExactly(new FieldChange("Navy", T0.plusSeconds(3600), "demo"));
        assertThat(lead.attribution().firstTouch().source()).isEqualTo("newsletter");
        assertThat(lead.attribution().lastTouch().source()).isEqualTo("google");
        assertThat(lead.consent("email")).hasValueSatisfying(c -> {
            assertThat(c.formId()).isEqualTo("demo");
            assertThat(c.ipHash()).isEqualTo(HASHER.hashIp("203.0.113.7"));
        });
    }

    @Test
    void handleRequest_whenSameIdempotencyKeyRetried_capturesOnceAndAnswersTheSameLead() {
        String token = TOKENS.issue("demo", T0.minusSeconds(10));
        APIGatewayV2HTTPResponse first = post("{\"email\":\"idem@example.com\"}", token, "203.0.113.9", Optional.of("order-42"));
        now.set(T0.plusSeconds(20));

        APIGatewayV2HTTPResponse retry = post("{\"email\":\"idem@example.com\"}", token, "203.0.113.9", Optional.of("order-42"));

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenSamePayloadTwiceWithoutKey_capturesOnce() {
        APIGatewayV2HTTPResponse first = post("{\"email\":\"twice@example.com\"}", TOKENS.issue("demo", T0.minusSeconds(10)),
                "203.0.113.10", Optional.empty());
        now.set(T0.plusSeconds(60));

        APIGatewayV2HTTPResponse second = post("{\"email\":\"twice@example.com\"}", TOKENS.issue("demo", T0.minusSeconds(10)),
                "203.0.113.10", Optional.empty());

        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(bus.published()).hasSize(1);
    }
}
