package dev.lem.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.lead.Consent;
import dev.lem.lead.ContactStatus;
import dev.lem.lead.Contribution;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadState;
import dev.lem.lead.ModelScore;
import dev.lem.lead.PredictedConversion;
import dev.lem.lead.StandingWrite;
import dev.lem.lead.StateEntry;
import dev.lem.testing.fakes.InMemoryLeadStandingStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadApiTest {

    private static final LeadId ID = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant MQL_AT = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final IdentityHasher IDENTITY = new IdentityHasher("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress EMAIL = EmailAddress.parse("ada@acme.example").orElseThrow();

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryLeadStandingStore standings = new InMemoryLeadStandingStore(leads);
    private final LeadApi api = new LeadApi(leads, standings, IDENTITY, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void seed() {
        Lead lead = new Lead(ID, IDENTITY.hash(EMAIL), EMAIL, Map.of("name", "Ada", "jobTitle", "VP"), LeadState.LEAD,
                CREATED, 0, Map.of("email", new Consent(true, "v1", CREATED, "demo", null, null)), CREATED, CREATED, 1);
        leads.put(lead);
        ModelScore score = new ModelScore("default", "default-2", 105, MQL_AT,
                List.of(new Contribution("form-fill", 60), new Contribution("pricing-page", 25)));
        standings.save(new StandingWrite(lead.withScore(105, MQL_AT).withState(LeadState.MQL, MQL_AT),
                new LeadStanding(ID, Map.of("default", score), ContactStatus.PROSPECT, Optional.empty(), Optional.empty(), 0),
                Optional.empty(), Optional.of(new StateEntry(LeadState.LEAD, LeadState.MQL, MQL_AT, "MQL threshold reached"))));
    }

    private JsonNode body(ApiResponse response) {
        return Json.tree(Json.write(response.body()));
    }

    private ApiResponse get(String path, Map<String, String> query) {
        return api.handle(new ApiRequest("GET", path, query));
    }

    @Test
    void handle_whenLeadIsAskedForById_returnsItWithStateScoreAndContactStatus() {
        ApiResponse response = get("/leads/" + ID.value(), Map.of());

        assertThat(response.status()).isEqualTo(200);
        JsonNode lead = body(response);
        assertThat(lead.path("id").asText()).isEqualTo(ID.value());
        assertThat(lead.path("email").asText()).isEqualTo("ada@acme.example");
        assertThat(lead.path("state").asText()).isEqualTo("mql");
        assertThat(lead.path("stateEnteredAt").asText()).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(lead.path("score").asInt()).isEqualTo(105);
        assertThat(lead.path("contactStatus").asText()).isEqualTo("prospect");
        assertThat(lead.path("profile").path("jobTitle").asText()).isEqualTo("VP");
        assertThat(lead.path("consents").path("email").asBoolean()).isTrue();
    }

    @Test
    void handle_whenLeadIsAskedForByEmail_findsItThroughTheKeyedHashOfTheNormalisedEmail() {
        ApiResponse response = get("/leads", Map.of("email", "  Ada@ACME.example "));

        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response).path("id").asText()).isEqualTo(ID.value());
    }

    @Test
    void handle_whenScoreIsAskedFor_explainsEveryModelAndDerivesTimeInState() {
        ApiResponse response = get("/leads/" + ID.value() + "/score", Map.of());

        assertThat(response.status()).isEqualTo(200);
        JsonNode score = body(response);
        assertThat(score.path("score").asInt()).isEqualTo(105);
        assertThat(score.path("state").asText()).isEqualTo("mql");
        JsonNode model = score.path("models").get(0);
        assertThat(model.path("model").asText()).isEqualTo("default");
        assertThat(model.path("rulesVersion").asText()).isEqualTo("default-2");
        assertThat(model.path("topContributions").get(0).path("ruleId").asText()).isEqualTo("form-fill");
        assertThat(model.path("topContributions").get(0).path("points").asDouble()).isEqualTo(60.0);
        JsonNode stay = score.path("lifecycle").get(0);
        assertThat(stay.path("state").asText()).isEqualTo("mql");
        assertThat(stay.path("from").asText()).isEqualTo("lead");
        assertThat(stay.has("leftAt")).isFalse();
        assertThat(stay.path("secondsInState").asLong()).isEqualTo(Duration.ofDays(1).toSeconds());
    }

    @Test
    void handle_whenScoringStoredAPrediction_showsProbabilityModelVersionAndTopFeatures() {
        LeadStanding scored = standings.find(ID).orElseThrow().withPrediction(Optional.of(new PredictedConversion(0.31,
                "pm-7", List.of(new PredictedConversion.Feature("activity.form.submitted.count", 0.8)), MQL_AT)));
        standings.save(new StandingWrite(leads.get(ID), scored, Optional.empty(), Optional.empty()));

        JsonNode prediction = body(get("/leads/" + ID.value() + "/score", Map.of())).path("prediction");

        assertThat(prediction.path("probability").asDouble()).isEqualTo(0.31);
        assertThat(prediction.path("modelVersion").asText()).isEqualTo("pm-7");
        assertThat(prediction.path("topFeatures").get(0).path("name").asText()).isEqualTo("activity.form.submitted.count");
        assertThat(prediction.path("topFeatures").get(0).path("logOdds").asDouble()).isEqualTo(0.8);
        assertThat(prediction.path("evaluatedAt").asText()).isEqualTo(MQL_AT.toString());
    }

    @Test
    void handle_whenALeadHasNoStandingYet_showsItUnscoredAsAProspect() {
        LeadId fresh = new LeadId("1c8f7b63-4d3e-4f9f-8b2c-6e7d8f9a0b1c");
        leads.put(new Lead(fresh, "h2", null, Map.of(), LeadState.LEAD, CREATED, 0, Map.of(), CREATED, CREATED, 1));

        JsonNode score = body(get("/leads/" + fresh.value() + "/score", Map.of()));

        assertThat(score.path("models").isEmpty()).isTrue();
        assertThat(score.path("lifecycle").isEmpty()).isTrue();
        assertThat(score.path("contactStatus").asText()).isEqualTo("prospect");
        assertThat(score.has("prediction")).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /leads/0B7E6A52-3C2D-4F8E-9A1B-5D6C7E8F9A0B       |                      | 400 | lead id must be a lowercase UUID
            GET    | /leads/..%2F..%2Fetc                               |                      | 400 | lead id must be a lowercase UUID
            GET    | /leads/1c8f7b63-4d3e-4f9f-8b2c-6e7d8f9a0b1c       |                      | 404 | no lead 1c8f7b63-4d3e-4f9f-8b2c-6e7d8f9a0b1c
            GET    | /leads/1c8f7b63-4d3e-4f9f-8b2c-6e7d8f9a0b1c/score |                      | 404 | no lead 1c8f7b63-4d3e-4f9f-8b2c-6e7d8f9a0b1c
            GET    | /leads                                             |                      | 400 | email is required: GET /leads?email=<address>
            GET    | /leads                                             | not-an-email         | 400 | email is not a valid address
            GET    | /leads                                             | a@b.example,c@d.example | 400 | email is not a valid address
            GET    | /leads                                             | bob@acme.example     | 404 | no lead with this email
            POST   | /leads/0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b       |                      | 405 | only GET is allowed here
            DELETE | /leads                                             |                      | 405 | only GET is allowed here
            GET    | /leads/0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b/x     |                      | 404 | no such route: GET /leads/0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b/x
            """)
    void handle_whenTheRequestIsWrong_answersAPrecise4xx(String method, String path, String email, int status, String error) {
        ApiResponse response = api.handle(new ApiRequest(method, path, email == null ? Map.of() : Map.of("email", email)));

        assertThat(response.status()).isEqualTo(status);
        assertThat(body(response).path("error").asText()).isEqualTo(error);
    }

    @Test
    void handle_whenTheEmailIsHuge_refusesBeforeParsingIt() {
        ApiResponse response = get("/leads", Map.of("email", "a".repeat(10_000) + "@acme.example"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).path("error").asText()).isEqualTo("email is longer than 320 characters");
    }

    @Test
    void handle_whenThePathEndsInASlash_servesTheSameRoute() {
        assertThat(get("/leads/" + ID.value() + "/", Map.of()).status()).isEqualTo(200);
    }
}
