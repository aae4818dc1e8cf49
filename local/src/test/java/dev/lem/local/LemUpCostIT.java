package dev.lem.local;

import static dev.lem.local.LemUpClient.eventually;
import static dev.lem.local.LemUpClient.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /reports/cost} on {@code lem up}: the handlers' EMF lines reach the usage ledger and the report prices them. */
class LemUpCostIT {

    @TempDir
    Path workDir;

    @Test
    void reportsCost_afterADemoSignUp_pricesTheRecordedRequestsPerLeadAndPerJourney() throws Exception {
        try (RunningLem lem = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(workDir).withOut(quiet()));
             LemUpClient client = new LemUpClient(lem)) {
            client.allowInstantSubmissions();
            String email = "cost-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            assertThat(client.submitDemoForm(email, "Ada", true).statusCode()).isEqualTo(303);
            eventually(() -> client.outboxEmail(email, "welcome"));
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String query = "/reports/cost?from=" + today + "&to=" + today;

            JsonNode report = eventually(() -> {
                try {
                    JsonNode body = Json.tree(client.getAsAdmin(query).body());
                    return body.path("campaigns").size() > 0 && body.path("leads").asLong() > 0 ? Optional.of(body) : Optional.empty();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertThat(report.path("from").asText()).isEqualTo(today);
            assertThat(report.path("currency").asText()).isEqualTo("USD");
            assertThat(report.path("pricesAsOf").asText()).isEqualTo(dev.lem.cost.PriceTable.builtIn().asOf().toString());
            assertThat(report.path("total").path("usd").asDouble()).isPositive();
            assertThat(report.path("total").path("billedMs").asLong()).isPositive();
            JsonNode requests = report.path("total").path("requests");
            assertThat(requests.path("dynamodb").asLong()).isPositive();
            assertThat(requests.path("sqs").asLong()).isPositive();
            assertThat(requests.path("apigateway").asLong()).isPositive();
            assertThat(requests.path("ses").asLong()).isPositive();
            assertThat(report.path("leads").asLong()).isEqualTo(1);
            assertThat(report.path("perLead").asDouble()).isEqualTo(report.path("total").path("usd").asDouble());
            assertThat(report.path("campaigns").findValuesAsText("campaign")).contains("welcome");
            assertThat(client.get(query).statusCode()).isEqualTo(401);
            assertThat(client.getAsAdmin("/reports/cost?from=2026-02-30").statusCode()).isEqualTo(400);
            String ledger = Files.readString(workDir.resolve(".lem").resolve("usage.jsonl"), StandardCharsets.UTF_8);
            assertThat(ledger).contains("\"Namespace\":\"LEM\"").doesNotContain(email);
        }
    }
}
