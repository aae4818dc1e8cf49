package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.QueueDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lem up} serves the deployed compliance routes: {@code /u/{token}} and {@code DELETE /leads/{id}} (bearer). */
class LemUpComplianceIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @TempDir
    static Path workDir;

    private static RunningLem lem;
    private static HttpClient http;

    @BeforeAll
    static void startLem() throws IOException {
        lem = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(workDir)
                .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
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
    void marketingEmail_whenItsUnsubscribeLinkIsPostedOneClick_unsubscribesAndTheNextOneIsBlocked() throws Exception {
        Lead lead = storedLead("ada-" + System.nanoTime() + "@example.com");
        enqueue(new NotifyMessage("news.1." + lead.id(), lead.id(), Channel.EMAIL, MessageCategory.MARKETING, "news",
                "welcome-2", Map.of()));
        JsonNode email = eventually(() -> outboxEmail(lead.email().value(), "welcome-2"));
        String unsubscribe = email.at("/data/unsubscribeUrl").asText();
        assertThat(unsubscribe).startsWith(lem.baseUrl() + "/u/" + lead.id() + ".email.");
        assertThat(email.at("/data/postalAddress").asText()).isNotBlank();

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(unsubscribe)).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"email\" value=\"on\" checked");

        HttpResponse<String> oneClick = send(HttpRequest.newBuilder(URI.create(unsubscribe))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(lem.leads().find(lead.id()).orElseThrow().hasConsent("email")).isFalse();

        enqueue(new NotifyMessage("news.2." + lead.id(), lead.id(), Channel.EMAIL, MessageCategory.MARKETING, "news",
                "welcome", Map.of()));
        eventually(() -> Optional.of(lead.id()).filter(id -> lem.dynamoDb().getItem(r -> r.tableName(lem.tableName())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("IDEM#notify#news.2." + id),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("IDEM")))).hasItem()));
        assertThat(outboxEmail(lead.email().value(), "welcome")).isEmpty();
    }

    @Test
    void deleteLead_whenBearerTokenGiven_erasesItAndWithoutItAnswers401() throws Exception {
        Lead lead = storedLead("grace-" + System.nanoTime() + "@example.com");
        URI uri = URI.create(lem.baseUrl() + "/leads/" + lead.id());

        assertThat(send(HttpRequest.newBuilder(uri).DELETE().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong").DELETE().build()).statusCode())
                .isEqualTo(401);
        assertThat(lem.leads().find(lead.id())).isPresent();

        HttpRequest authorised = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + lem.adminToken()).DELETE().build();
        assertThat(send(authorised).statusCode()).isEqualTo(204);
        assertThat(lem.leads().find(lead.id())).isEmpty();
        assertThat(send(authorised).statusCode()).isEqualTo(404);
    }

    @Test
    void smsAndWebhookMessages_whenSent_landInTheLocalOutbox() throws Exception {
        Lead lead = storedLead("linus-" + System.nanoTime() + "@example.com");
        enqueue(new NotifyMessage("code.1." + lead.id(), lead.id(), Channel.SMS, MessageCategory.TRANSACTIONAL, "codes",
                "code", Map.of("text", "Hi {{name}}, your code is 42")));
        enqueue(new NotifyMessage("crm.1." + lead.id(), lead.id(), Channel.WEBHOOK, MessageCategory.TRANSACTIONAL, "sales",
                "crm", Map.of("reason", "mql")));

        JsonNode sms = eventually(() -> findIn("/outbox-sms.json", "code.1." + lead.id()));
        assertThat(sms.get("to").asText()).isEqualTo("+353861234567");
        assertThat(sms.get("text").asText()).isEqualTo("Hi Ada, your code is 42");
        JsonNode hook = eventually(() -> findIn("/outbox-webhooks.json", "crm.1." + lead.id()));
        assertThat(hook.get("target").asText()).isEqualTo("https://crm.example.com/hooks/lem");
        assertThat(Json.tree(hook.get("body").asText()).at("/lead/id").asText()).isEqualTo(lead.id().value());
        assertThat(send(HttpRequest.newBuilder(URI.create(lem.baseUrl() + "/outbox-sms")).GET().build()).body())
                .contains("your code is 42");
    }

    private static Optional<JsonNode> findIn(String path, String messageId) {
        try {
            for (JsonNode item : Json.tree(send(HttpRequest.newBuilder(URI.create(lem.baseUrl() + path)).GET().build()).body())) {
                if (item.get("messageId").asText().equals(messageId)) {
                    return Optional.of(item);
                }
            }
            return Optional.empty();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Lead storedLead(String email) {
        Instant now = Instant.now();
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        String hash = java.util.HexFormat.of().formatHex(sha256(email));
        Lead lead = new Lead(LeadId.random(), hash, address, Map.of("name", "Ada", "phone", "+353 86 123 4567"), LeadState.LEAD, now, 0,
                Map.of("email", new Consent(true, "v1", now)), now, now, 0);
        lem.leads().create(lead);
        return lead;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void enqueue(NotifyMessage message) {
        String url = lem.engines().queue(QueueDefinition.NOTIFY).url();
        lem.sqs().sendMessage(r -> r.queueUrl(url).messageBody(Json.write(message)));
    }

    private static Optional<JsonNode> outboxEmail(String to, String template) {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lem.baseUrl() + "/outbox.json")).GET().build());
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

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
