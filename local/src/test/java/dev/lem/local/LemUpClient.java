package dev.lem.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.store.DynamoDbFormStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** A test's view of one running {@code lem up}: HTTP calls, the demo form, the outbox, and polling. */
final class LemUpClient implements AutoCloseable {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    private final RunningLem lem;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LemUpClient(RunningLem lem) {
        this.lem = lem;
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Robots fill forms instantly: the demo form's minimum fill time is data, so tests lower it instead of sleeping. */
    void allowInstantSubmissions() {
        DynamoDbFormStore forms = new DynamoDbFormStore(lem.dynamoDb(), lem.tableName());
        forms.save(forms.find("demo").orElseThrow().withSpamDefence(true, 10, 0));
    }

    /** Submits the demo form as a browser would (urlencoded, fresh token); returns the response. */
    HttpResponse<String> submitDemoForm(String email, String name, boolean consent) throws IOException, InterruptedException {
        String token = Json.tree(get("/f/demo/token").body()).get("token").asText();
        return send(HttpRequest.newBuilder(uri("/f/demo")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + encode(email) + "&name=" + encode(name)
                        + (consent ? "&consent_email=on" : "") + "&lem_hp=&lem_token=" + encode(token))).build());
    }

    Optional<JsonNode> outboxEmail(String to, String template) {
        try {
            for (JsonNode email : Json.tree(get("/outbox.json").body())) {
                if (email.get("to").asText().equals(to) && email.get("template").asText().equals(template)) {
                    return Optional.of(email);
                }
            }
            return Optional.empty();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    HttpResponse<String> getAsAdmin(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + lem.adminToken()).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String pathAndQuery) {
        return URI.create(lem.baseUrl() + pathAndQuery);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static <T> T eventually(Supplier<Optional<T>> probe) throws InterruptedException {
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

    @Override
    public void close() {
        http.close();
    }
}
