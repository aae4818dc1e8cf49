package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.config.FunctionName;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.local.queue.SqsPoller;
import dev.lem.queue.QueueDefinition;
import dev.lem.queue.aws.QueueProvisioner;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbLeadStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code lem up} over real HTTP: the demo form, the outbox, the pixel, the score, the drip timer and the
 * admin endpoints, on one instance started on a free port in a temporary folder.
 */
class LemUpIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @TempDir
    static Path workDir;

    private static RunningLem lem;
    private static HttpClient http;

    @BeforeAll
    static void startLem() throws IOException {
        // the journeys' own waits: this test fires the two-day follow-up itself, through the admin endpoint
        lem = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(workDir).withOut(quiet())
                .withDripWait(Optional.empty()));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopLem() {
        if (lem != null) {
            lem.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void demoForm_whenPostedAsHtmlForm_redirectsToThanksAndMailsWelcomeThatScoresAndDrips() throws Exception {
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        // the form's minimum fill time is data: this robot fills the form instantly, so it lowers it instead of sleeping
        DynamoDbFormStore forms = new DynamoDbFormStore(lem.dynamoDb(), lem.tableName());
        forms.save(forms.find("demo").orElseThrow().withSpamDefence(true, 10, 0));
        String token = Json.tree(send(HttpRequest.newBuilder(uri("/f/demo/token")).GET().build()).body()).get("token").asText();
        HttpResponse<String> posted = send(post("/f/demo", "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&name=Ada&company=Analytical&consent_email=on"
                        + "&lem_hp=&lem_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));

        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).contains(lem.baseUrl() + "/thanks");

        JsonNode welcome = eventually(() -> outboxEmail(email, "welcome"));
        assertThat(welcome.get("subject").asText()).contains("Ada");
        String pixelUrl = welcome.at("/data/openPixelUrl").asText();
        assertThat(pixelUrl).startsWith(lem.baseUrl() + "/t/o.gif?");

        HttpResponse<byte[]> pixel = http.send(HttpRequest.newBuilder(URI.create(pixelUrl))
                        .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(new String(pixel.body(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");

        LeadId leadId = new LeadId(queryParameter(URI.create(pixelUrl), "l"));
        DynamoDbLeadStore leads = new DynamoDbLeadStore(lem.dynamoDb(), lem.tableName());
        // default score model: form-fill 30 + email-open 3
        Lead scored = eventually(() -> leads.find(leadId).filter(l -> l.score() == 33));
        assertThat(scored.score()).isEqualTo(33);

        HttpResponse<String> unauthorised = send(HttpRequest.newBuilder(uri("/leads/" + leadId.value() + "/score")).GET().build());
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        JsonNode explained = Json.tree(send(admin("/leads/" + leadId.value() + "/score").GET().build()).body());
        assertThat(explained.at("/models/0/model").asText()).isEqualTo("default");
        assertThat(explained.at("/models/0/rulesVersion").asText()).isEqualTo("default-3");
        assertThat(explained.at("/models/0/topContributions/0/ruleId").asText()).isEqualTo("form-fill");
        JsonNode byEmail = Json.tree(send(admin("/leads?email=" + URLEncoder.encode(email.toUpperCase(java.util.Locale.ROOT),
                StandardCharsets.UTF_8)).GET().build()).body());
        assertThat(byEmail.get("id").asText()).isEqualTo(leadId.value());
        assertThat(send(admin("/leads/not-a-uuid").GET().build()).statusCode()).isEqualTo(400);

        String until = Instant.now().plus(Duration.ofDays(3)).toString();
        HttpResponse<String> withoutToken = send(HttpRequest.newBuilder(uri("/admin/schedules/fire-due?until=" + until))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(outboxEmail(email, "welcome-2")).isEmpty();

        HttpResponse<String> fired = send(admin("/admin/schedules/fire-due?until=" + until)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(fired.statusCode()).isEqualTo(200);
        assertThat(Json.tree(fired.body()).get("fired").toString()).contains("welcome-3-" + leadId.value());

        JsonNode followUp = eventually(() -> outboxEmail(email, "welcome-2"));
        assertThat(followUp.get("messageId").asText()).isEqualTo("welcome.4." + leadId.value());
    }

    @Test
    void formEndpoint_whenJsonHasInvalidEmail_answers422NamingTheEmailField() throws Exception {
        HttpResponse<String> response = send(post("/f/demo", "application/json", "{\"email\":\"not-an-email\"}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Json.tree(response.body()).at("/fields/email").asText()).contains("not a valid email");
    }

    @Test
    void formEndpoint_whenTokenFetchedFromTheSite_answersASignedTokenWithCorsForThatOrigin() throws Exception {
        HttpResponse<String> token = send(HttpRequest.newBuilder(uri("/f/demo/token")).header("Origin", lem.baseUrl()).GET().build());

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).contains(lem.baseUrl());
        assertThat(Json.tree(token.body()).get("token").asText()).startsWith("v1.");
    }

    @Test
    void formEndpoint_whenPostedWithoutAToken_answers400AndStoresNothing() throws Exception {
        HttpResponse<String> response = send(post("/f/demo", "application/json", "{\"email\":\"tokenless@example.com\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("form token missing");
    }

    @Test
    void formEndpoint_whenFormUnknown_answers404() throws Exception {
        assertThat(send(post("/f/no-such-form", "application/json", "{\"email\":\"a@example.com\"}")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void formEndpoint_whenContentTypeUnsupported_answers415() throws Exception {
        assertThat(send(post("/f/demo", "text/plain", "email=a@example.com")).statusCode()).isEqualTo(415);
    }

    @Test
    void formEndpoint_whenBodyAbove16KiB_answers413FromTheHandler() throws Exception {
        String body = "{\"email\":\"a@example.com\",\"company\":\"" + "x".repeat(17 * 1024) + "\"}";

        HttpResponse<String> response = send(post("/f/demo", "application/json", body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Json.tree(response.body()).get("error").asText()).contains("16384");
    }

    @Test
    void gateway_whenBodyAbove64KiB_answers413Itself() throws Exception {
        HttpResponse<String> response = send(post("/f/demo", "application/json", "x".repeat(65 * 1024)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Json.tree(response.body()).get("error").asText()).contains("65536");
    }

    @Test
    void gateway_whenRouteUnknownOrMethodWrong_answers404Or405AsJson() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/nothing/here")).GET().build());
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/f/demo")).GET().build());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void gateway_whenHostIsNotThisMachine_refusesWith421() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", lem.ports().gateway())) {
            socket.getOutputStream().write(("GET /outbox.json HTTP/1.1\r\nHost: rebound.example:" + lem.ports().gateway()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .findFirst().orElse("");

            assertThat(statusLine).startsWith("HTTP/1.1 421");
        }
    }

    @Test
    void pages_whenRequested_serveLandingFormHealthAndOutbox() throws Exception {
        HttpResponse<String> landing = send(HttpRequest.newBuilder(uri("/")).GET().build());
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("action=\"/f/demo\"", "name=\"email\"", "name=\"consent_email\"",
                "href=\"/outbox\"", "name=\"lem_hp\"", "name=\"lem_token\" value=\"v1.");
        assertThat(landing.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'"));

        assertThat(send(HttpRequest.newBuilder(uri("/thanks")).GET().build()).body()).contains("/outbox");
        assertThat(Json.tree(send(HttpRequest.newBuilder(uri("/health")).GET().build()).body()).get("status").asText())
                .isEqualTo("ok");
        assertThat(send(HttpRequest.newBuilder(uri("/outbox")).GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void pixel_whenSignatureForged_stillAnswers200WithTheGif() throws Exception {
        String leadId = UUID.randomUUID().toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/t/o.gif?l=" + leadId + "&m=welcome.1." + leadId
                + "&s=AAAAAAAAAAAAAAAAAAAAAA")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
    }

    @Test
    void click_whenUnsigned_answers400AndNeverRedirects() throws Exception {
        String leadId = UUID.randomUUID().toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/t/c?u=https%3A%2F%2Fevil.example.net%2F&l="
                + leadId + "&m=welcome.1." + leadId + "&s=AAAAAAAAAAAAAAAAAAAAAA")).GET().build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void lemJs_whenFetched_isServedAsJavaScriptAndBeaconsFromTheDemoOriginAreAccepted() throws Exception {
        HttpResponse<String> script = send(HttpRequest.newBuilder(uri("/t/lem.js")).GET().build());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).contains("application/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("ETag")).isPresent();

        HttpResponse<String> beacon = send(HttpRequest.newBuilder(uri("/t/e")).header("Origin", lem.baseUrl())
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"page.view\",\"url\":\"" + lem.baseUrl() + "/\"}"))
                .build());
        assertThat(beacon.statusCode()).isEqualTo(204);
        assertThat(beacon.headers().firstValue("Access-Control-Allow-Origin")).contains(lem.baseUrl());
        assertThat(beacon.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("lem_vid="));
    }

    @Test
    void adminEvents_whenEventBreaksTheContract_answers400WithTheReason() throws Exception {
        HttpResponse<String> response = send(admin("/admin/events").POST(HttpRequest.BodyPublishers.ofString(
                "{\"detail-type\":\"campaign.trigger\",\"source\":\"lem.marketing\",\"detail\":{\"eventId\":\"e-1\"}}")).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.tree(response.body()).get("error").asText()).contains("campaignId");
    }

    @Test
    void adminEvents_whenCampaignTriggerValid_putsItOnTheBusThroughTheMarketingRule() throws Exception {
        String detail = "{\"eventId\":\"trigger-" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-23T10:00:00Z\","
                + "\"schemaVersion\":1,\"campaignId\":\"spring-webinar\",\"leadId\":\"" + UUID.randomUUID() + "\"}";

        HttpResponse<String> response = send(admin("/admin/events").POST(HttpRequest.BodyPublishers.ofString(
                "{\"detail-type\":\"campaign.trigger\",\"source\":\"lem.marketing\",\"detail\":" + detail + "}")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.tree(response.body()).get("matchedRules").toString()).contains("marketing-trigger-to-router");
    }

    @Test
    void adminDeadLetters_whenAuthorized_listBusDeliveriesAndEachDlq() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/admin/dead-letters")).header("Authorization", "Bearer wrong")
                .GET().build()).statusCode()).isEqualTo(401);

        HttpResponse<String> response = send(admin("/admin/dead-letters").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.tree(response.body());
        assertThat(body.get("deliveries").isArray()).isTrue();
        assertThat(body.get("queues").has("lem-activity-dlq")).isTrue();
        assertThat(body.get("queues").has("lem-notify-dlq")).isTrue();
    }

    @Test
    void localJson_whileRunning_namesBaseUrlTokenAndPortsPrivately() throws Exception {
        Path localJson = workDir.resolve(".lem/local.json");
        JsonNode json = Json.tree(Files.readString(localJson));

        assertThat(json.get("baseUrl").asText()).isEqualTo(lem.baseUrl());
        assertThat(json.get("adminToken").asText()).isEqualTo(lem.adminToken());
        assertThat(json.at("/ports/gateway").asInt()).isEqualTo(lem.ports().gateway());
        assertThat(json.at("/ports/sqs").asInt()).isEqualTo(lem.ports().sqs());
        assertThat(json.at("/ports/dynamodb").isNull()).isTrue();
        assertThat(Files.getPosixFilePermissions(localJson)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void close_whenRestartedInTheSameFolder_freesPortRemovesLocalJsonAndKeepsKeysAndSchedules(@TempDir Path dir)
            throws Exception {
        RunningLem first = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(dir).withOut(quiet()));
        int port = first.ports().gateway();
        String keys = Files.readString(dir.resolve(".lem/keys.json"));
        first.scheduler().scheduleOnce("restart-check", Instant.now().plus(Duration.ofDays(30)), "{}");

        first.close();

        assertThat(dir.resolve(".lem/local.json")).doesNotExist();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(ConnectException.class);

        try (RunningLem second = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(dir).withOut(quiet()))) {
            assertThat(Files.readString(dir.resolve(".lem/keys.json"))).isEqualTo(keys);
            assertThat(second.scheduler().pending()).extracting(p -> p.name()).contains("restart-check");
        }
    }

    @Test
    void sqsPoller_whenHandlerReportsAFailure_deletesTheRestAndTheEngineMovesItToTheDlqAfterMaxReceives() throws Exception {
        QueueDefinition definition = new QueueDefinition("poller-check", Duration.ofSeconds(1), 2, Duration.ofHours(1), 10);
        QueueProvisioner.QueueUrls urls = QueueProvisioner.create(lem.sqs(), "it-", definition);
        lem.sqs().sendMessage(r -> r.queueUrl(urls.url()).messageBody("ok"));
        lem.sqs().sendMessage(r -> r.queueUrl(urls.url()).messageBody("poison"));
        List<String> receiveCounts = new CopyOnWriteArrayList<>();
        SqsPoller poller = new SqsPoller(lem.sqs(), definition, urls.url(), "arn:aws:sqs:eu-west-1:000000000000:it-poller-check",
                "eu-west-1", FunctionName.SCORING, (event, context) -> SQSBatchResponse.builder().withBatchItemFailures(
                event.getRecords().stream().filter(m -> m.getBody().equals("poison"))
                        .peek(m -> receiveCounts.add(m.getAttributes().get("ApproximateReceiveCount")))
                        .map(m -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build())
                        .toList()).build());

        // like SQS, the engine moves a message on the first receive after maxReceiveCount deliveries
        JsonNode deadLetter = eventually(() -> {
            poller.pollOnce();
            return lem.sqs().receiveMessage(r -> r.queueUrl(urls.deadLetterUrl()).waitTimeSeconds(0)).messages().stream()
                    .findFirst().map(m -> Json.mapper().valueToTree(Map.of("body", m.body())));
        });

        assertThat(receiveCounts).containsExactly("1", "2");
        assertThat(deadLetter.get("body").asText()).isEqualTo("poison");
        assertThat(lem.sqs().receiveMessage(r -> r.queueUrl(urls.url()).waitTimeSeconds(2)).messages()).isEmpty();
    }

    @Test
    void activities_whenPostedWithTheAdminToken_joinTheLeadsTimelineThroughTheActivityQueue() throws Exception {
        EmailAddress email = EmailAddress.parse("offline-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
                .orElseThrow();
        Instant created = Instant.now().minusSeconds(3600);
        Lead lead = new Lead(LeadId.random(), new IdentityHasher(LocalKeys.loadOrCreate(lem.stateDir().resolve("keys.json"), new java.security.SecureRandom()).identityKey()).hash(email),
                email, Map.of(), LeadState.LEAD, created, 0, Map.of(), created, created, 0);
        lem.leads().create(lead);
        String batch = "{\"items\":[{\"source\":\"call-centre\",\"externalId\":\"call-1\",\"type\":\"offline.call\","
                + "\"occurredAt\":\"" + created.plusSeconds(60) + "\",\"email\":\"" + email.value() + "\","
                + "\"attributes\":{\"outcome\":\"test-drive booked\"}}]}";

        HttpResponse<String> anonymous = send(post("/activities", "application/json", batch));
        HttpResponse<String> accepted = send(admin("/activities").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(accepted.statusCode()).isEqualTo(207);
        assertThat(Json.tree(accepted.body()).at("/items/0/result").asText()).isEqualTo("accepted");
        String type = eventually(() -> lem.dynamoDb().query(q -> q.tableName(lem.tableName())
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + lead.id().value()),
                                ":act", AttributeValue.fromS("ACT#")))).items().stream()
                .map(item -> item.get("type").s()).findFirst());
        assertThat(type).isEqualTo("offline.call");
    }

    @Test
    void outcomes_whenPostedWithTheAdminToken_areAcceptedOnceThenDuplicatesAndMoveTheLead() throws Exception {
        Instant created = Instant.now().minusSeconds(3600);
        EmailAddress email = EmailAddress.parse("won-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
                .orElseThrow();
        Lead lead = new Lead(LeadId.random(), "hash-" + UUID.randomUUID(), email, Map.of(), LeadState.SQL, created, 0,
                Map.of(), created, created, 0);
        lem.leads().create(lead);
        String report = "{\"source\":\"crm\",\"externalId\":\"deal-" + UUID.randomUUID() + "\",\"leadId\":\""
                + lead.id().value() + "\",\"outcome\":\"won\",\"value\":4200,\"currency\":\"EUR\"}";

        HttpResponse<String> anonymous = send(post("/outcomes", "application/json", report));
        HttpResponse<String> accepted = send(admin("/outcomes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build());
        HttpResponse<String> repeated = send(admin("/outcomes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(Json.tree(repeated.body()).get("result").asText()).isEqualTo("duplicate");
        assertThat(Json.tree(repeated.body()).get("eventId")).isEqualTo(Json.tree(accepted.body()).get("eventId"));
        // the lifecycle move queued by the outcome, applied by scoring from the activity queue: sql → customer
        assertThat(eventually(() -> lem.leads().find(lead.id()).map(Lead::state).filter(s -> s == LeadState.CUSTOMER)))
                .isEqualTo(LeadState.CUSTOMER);
    }

    private static Optional<JsonNode> outboxEmail(String to, String template) {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/outbox.json")).GET().build());
            for (JsonNode email : Json.tree(response.body())) {
                if (email.get("to").asText().equals(to) && email.get("template").asText().equals(template)) {
                    return Optional.of(email);
                }
            }
            return Optional.empty();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T eventually(Supplier<Optional<T>> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not there after " + EVENTUALLY.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static HttpRequest post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + lem.adminToken());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(lem.baseUrl() + pathAndQuery);
    }

    private static String queryParameter(URI uri, String name) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query.get(name);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
