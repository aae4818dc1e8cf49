package dev.lem.local;

import static dev.lem.local.LemUpClient.eventually;
import static dev.lem.local.LemUpClient.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.local.admin.LeadRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lem up} stopped and started again in the same folder keeps leads, activity, enrolments, the outbox,
 * the keys and pending timers; a timer that fell due while it was stopped fires right after the restart;
 * {@code --fresh} wipes it all.
 */
class LemUpPersistenceIT {

    @TempDir
    Path work;

    @Test
    void restart_whenDataExists_keepsLeadActivityEnrolmentOutboxAndCatchesUpOverdueTimers() throws Exception {
        String email = "kept-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        LeadId leadId;
        String formTokenKeyFile;
        try (RunningLem first = start(false); LemUpClient client = new LemUpClient(first)) {
            client.allowInstantSubmissions();
            assertThat(client.submitDemoForm(email, "Kept", true).statusCode()).isEqualTo(303);
            JsonNode welcome = eventually(() -> client.outboxEmail(email, "welcome"));
            leadId = new LeadId(welcome.get("messageId").asText().substring("welcome.1.".length()));
            eventually(() -> first.scheduler().pending().stream().filter(s -> s.name().endsWith(leadId.value())).findFirst());
            formTokenKeyFile = Files.readString(first.stateDir().resolve("keys.json"));
        }
        // the two-day follow-up fell due while lem up was stopped
        Path schedules = work.resolve(".lem/schedules.json");
        ArrayNode pending = (ArrayNode) Json.tree(Files.readString(schedules));
        pending.forEach(s -> ((ObjectNode) s).put("at", Instant.now().minusSeconds(60).toString()));
        Files.writeString(schedules, pending.toString());

        try (RunningLem second = start(false); LemUpClient client = new LemUpClient(second)) {
            assertThat(second.leads().find(leadId)).hasValueSatisfying(lead -> assertThat(lead.email().value()).isEqualTo(email));
            LeadRecords.LeadFile file = new LeadRecords(second.dynamoDb(), second.tableName()).lead(leadId).orElseThrow();
            assertThat(file.activity()).extracting(LeadRecords.ActivityRow::type).contains("form.submitted");
            assertThat(file.enrolments()).containsKey("welcome");
            assertThat(client.outboxEmail(email, "welcome")).isPresent();
            assertThat(Files.readString(second.stateDir().resolve("keys.json"))).isEqualTo(formTokenKeyFile);

            JsonNode followUp = eventually(() -> client.outboxEmail(email, "welcome-2"));
            assertThat(followUp.get("messageId").asText()).isEqualTo("welcome.4." + leadId.value()); // the fourth step of the welcome journey
            assertThat(second.scheduler().pending()).noneMatch(s -> s.name().endsWith(leadId.value()));
        }

        try (RunningLem fresh = start(true); LemUpClient client = new LemUpClient(fresh)) {
            assertThat(fresh.leads().find(leadId)).isEmpty();
            assertThat(Json.tree(client.get("/outbox.json").body())).isEmpty();
            assertThat(Files.readString(fresh.stateDir().resolve("keys.json"))).isNotEqualTo(formTokenKeyFile);
        }
    }

    private RunningLem start(boolean fresh) throws Exception {
        return LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(work).withOut(quiet()).withFresh(fresh)
                .withDripWait(Optional.empty()));
    }
}
