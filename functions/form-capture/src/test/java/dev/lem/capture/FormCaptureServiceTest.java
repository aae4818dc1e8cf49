package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.capture.CaptureOutcome.Captured;
import dev.lem.capture.CaptureOutcome.Rejected;
import dev.lem.events.LeadCaptured;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormCaptureServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(3));
    private static final IdentityHasher HASHER = new IdentityHasher(filled(32, (byte) 7));
    private static final String FORM_POST = "application/x-www-form-urlencoded";
    static final FormTokens TOKENS = new FormTokens(filled(32, (byte) 9), new java.security.SecureRandom());
    private static final FormDefinition DEMO = FormDefinition.demo("https://www.example.com/thanks",
            List.of("https://www.example.com"));

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue activities = new RecordingQueue();
    private final InMemoryCaptureIdempotencyStore idempotencyStore = new InMemoryCaptureIdempotencyStore();
    private final InMemorySpamDefenceStore spamStore = new InMemorySpamDefenceStore();
    private final FormCaptureService service = new FormCaptureService(forms, leads, HASHER, bus, activities,
            new SpamDefence(TOKENS, spamStore, HASHER, Optional.empty()), idempotencyStore);

    @BeforeEach
    void seedForm() {
        forms.save(DEMO);
    }

    @Test
    void submit_whenNewEmail_createsLeadInLeadStateWithConsentAndTheFormsConsentTextVersion() {
        CaptureOutcome outcome = service.submit(post("req-1", NOW,
                "email=Ada.Lovelace%40Example.COM&name=Ada&company=Analytical&consent_email=on"));

        Captured captured = (Captured) outcome;
        assertThat(captured.newLead()).isTrue();
        assertThat(captured.format()).isEqualTo(SubmissionFormat.FORM);
        assertThat(leads.all()).singleElement().satisfies(lead -> {
            assertThat(lead.id()).isEqualTo(captured.leadId());
            assertThat(lead.email().value()).isEqualTo("ada.lovelace@example.com");
            assertThat(lead.emailHash()).isEqualTo(HASHER.hash(EmailAddress.parse("ada.lovelace@example.com").orElseThrow()));
            assertThat(lead.state()).isEqualTo(LeadState.LEAD);
            assertThat(lead.stateEnteredAt()).isEqualTo(NOW);
            assertThat(lead.profile()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Ada", "company", "Analytical"));
            assertThat(lead.consents()).containsExactly(Map.entry("email", new Consent(true, "consent-email-2026-11", NOW, "demo", null, null)));
            assertThat(lead.score()).isZero();
            assertThat(lead.createdAt()).isEqualTo(NOW);
            assertThat(lead.version()).isEqualTo(1);
        });
    }

    @Test
    void submit_whenNewEmailWithoutConsent_recordsTheRefusalWithTheTextVersion() {
        service.submit(post("req-1", NOW, "email=ada%40example.com"));

        assertThat(leads.all().getFirst().consents())
                .containsExactly(Map.entry("email", new Consent(false, "consent-email-2026-11", NOW, "demo", null, null)));
    }

    @Test
    void submit_whenSameEmailInAnotherCase_updatesTheOneLeadAtTheVersionItRead() {
        Captured first = (Captured) service.submit(post("req-1", NOW, "email=ada%40example.com&name=Ada"));

        Captured second = (Captured) service.submit(post("req-2", LATER, "email=ADA%40Example.com&company=Analytical"));

        assertThat(second.newLead()).isFalse();
        assertThat(second.leadId()).isEqualTo(first.leadId());
        assertThat(leads.writes()).containsExactly("create:" + first.leadId(), "update:" + first.leadId() + "@1");
        assertThat(leads.all()).singleElement().satisfies(lead -> {
            assertThat(lead.profile()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Ada", "company", "Analytical"));
            assertThat(lead.version()).isEqualTo(2);
            assertThat(lead.createdAt()).isEqualTo(NOW);
            assertThat(lead.updatedAt()).isEqualTo(LATER);
        });
    }

    @Test
    void submit_whenReturningLeadLeavesConsentUnticked_keepsTheEarlierGrant() {
        service.submit(post("req-1", NOW, "email=ada%40example.com&consent_email=on"));

        service.submit(post("req-2", LATER, "email=ada%40example.com"));

        Lead lead = leads.all().getFirst();
        assertThat(lead.consents()).containsExactly(Map.entry("email", new Consent(true, "consent-email-2026-11", NOW, "demo", null, null)));
        assertThat(((LeadCaptured) bus.published().getLast()).emailConsent()).isTrue();
    }

    @Test
    void submit_whenReturningLeadTicksConsentUnderANewTextVersion_grantsItWithThatVersion() {
        service.submit(post("req-1", NOW, "email=ada%40example.com"));
        forms.save(new FormDefinition(DEMO.id(), DEMO.name(), DEMO.fields(), "consent-email-2027-01",
                DEMO.thankYouUrl(), DEMO.allowedOrigins(), false, 2));

        service.submit(post("req-2", LATER, "email=ada%40example.com&consent_email=on"));

        assertThat(leads.all().getFirst().consents())
                .containsExactly(Map.entry("email", new Consent(true, "consent-email-2027-01", LATER, "demo", null, null)));
    }

    @Test
    void submit_whenReturningLeadIsFurtherAlong_keepsItsStateAndScore() {
        Lead mql = existingLead("ada@example.com", LeadState.MQL, 60);
        leads.put(mql);

        service.submit(post("req-1", LATER, "email=ada%40example.com&name=Ada"));

        assertThat(leads.all()).singleElement().satisfies(lead -> {
            assertThat(lead.state()).isEqualTo(LeadState.MQL);
            assertThat(lead.stateEnteredAt()).isEqualTo(mql.stateEnteredAt());
            assertThat(lead.score()).isEqualTo(60);
        });
        assertThat(((LeadCaptured) bus.published().getFirst()).state()).isEqualTo("mql");
    }

    @Test
    void submit_whenReturningLeadWasOnlyASubscriber_promotesItToLead() {
        leads.put(existingLead("ada@example.com", LeadState.SUBSCRIBER, 0));

        service.submit(post("req-1", LATER, "email=ada%40example.com"));

        assertThat(leads.all().getFirst().state()).isEqualTo(LeadState.LEAD);
        assertThat(leads.all().getFirst().stateEnteredAt()).isEqualTo(LATER);
    }

    @Test
    void submit_whenCreateLosesARaceToAConcurrentCapture_retriesAndUpdatesTheWinner() {
        Lead winner = existingLead("ada@example.com", LeadState.LEAD, 0);
        leads.beforeNextWrite(() -> leads.put(winner));

        Captured captured = (Captured) service.submit(post("req-1", NOW, "email=ada%40example.com&company=Analytical"));

        assertThat(captured.leadId()).isEqualTo(winner.id());
        assertThat(captured.newLead()).isFalse();
        assertThat(leads.all()).singleElement().satisfies(lead -> assertThat(lead.profile()).containsEntry("company", "Analytical"));
        assertThat(activities.bodies()).hasSize(1);
        assertThat(bus.published()).singleElement().satisfies(e -> assertThat(((LeadCaptured) e).newLead()).isFalse());
    }

    @Test
    void submit_whenUpdateConflictsWithAConcurrentWrite_retriesOnTheFreshVersionAndKeepsThatWrite() {
        Lead existing = existingLead("ada@example.com", LeadState.LEAD, 0);
        leads.put(existing);
        leads.beforeNextWrite(() -> leads.put(existing.withScore(25, NOW).withVersion(existing.version() + 1)));

        service.submit(post("req-1", LATER, "email=ada%40example.com&company=Analytical"));

        assertThat(leads.writes()).containsExactly("update:" + existing.id() + "@3", "update:" + existing.id() + "@4");
        assertThat(leads.all()).singleElement().satisfies(lead -> {
            assertThat(lead.score()).isEqualTo(25);
            assertThat(lead.profile()).containsEntry("company", "Analytical");
            assertThat(lead.version()).isEqualTo(5);
        });
        assertThat(activities.bodies()).hasSize(1);
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void submit_whenEveryAttemptConflicts_givesUpAfterThreeAndQueuesAndPublishesNothing() {
        leads.conflictOnEveryWrite();

        assertThatThrownBy(() -> service.submit(post("req-1", NOW, "email=ada%40example.com")))
                .isInstanceOf(LeadConflictException.class);
        assertThat(leads.writes()).hasSize(3);
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("invalid field", submission("demo", FORM_POST, "email=not-an-email"), 422),
                Arguments.of("unknown form", submission("nope", FORM_POST, "email=ada%40example.com"), 404),
                Arguments.of("unsupported type", submission("demo", "text/plain", "email=ada%40example.com"), 415),
                Arguments.of("no type", new FormSubmission("r", "demo", Optional.empty(), "email=a%40b.com", Optional.empty(), NOW), 415),
                Arguments.of("malformed body", submission("demo", FORM_POST, "email=%E0%A4%A"), 400),
                Arguments.of("malformed JSON", submission("demo", "application/json", "{\"email\":"), 400),
                Arguments.of("too large", submission("demo", FORM_POST, "email=ada%40example.com&x=" + "y".repeat(16 * 1024)), 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void submit_whenRejected_writesNothingQueuesNothingPublishesNothing(String what, FormSubmission submission, int status) {
        CaptureOutcome outcome = service.submit(submission);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.status()).isEqualTo(status));
        assertThat(leads.writes()).isEmpty();
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void submit_whenFieldsInvalid_answers422WithEveryFieldError() {
        Rejected rejected = (Rejected) service.submit(submission("demo", "application/json",
                "{\"email\":\"nope\",\"name\":\"" + "n".repeat(300) + "\"}"));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.format()).isEqualTo(SubmissionFormat.JSON);
        assertThat(rejected.fieldErrors()).containsOnlyKeys("email", "name");
    }

    @Test
    void submit_whenBodyOverTheLimit_answers413BeforeLookingUpTheFormOrParsing() {
        String malformedAndHuge = "%%%" + "x".repeat(SubmissionParser.MAX_BODY_BYTES);

        Rejected rejected = (Rejected) service.submit(submission("nope", "text/plain", malformedAndHuge));

        assertThat(rejected.status()).isEqualTo(413);
        assertThat(forms.lookups()).isEmpty();
    }

    @Test
    void submit_whenBodyExactlyAtTheLimit_isParsed() {
        String body = "email=ada%40example.com&x=";
        body += "y".repeat(SubmissionParser.MAX_BODY_BYTES - body.length());

        assertThat(service.submit(submission("demo", FORM_POST, body))).isInstanceOf(Captured.class);
    }

    @Test
    void submit_whenBodyUnderTheLimitInCharsButOverInUtf8Bytes_answers413() {
        String body = "email=ada%40example.com&name=" + "é".repeat(SubmissionParser.MAX_BODY_BYTES / 2);

        assertThat(((Rejected) service.submit(submission("demo", FORM_POST, body))).status()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/xml"})
    void submit_whenMediaTypeUnsupported_answers415InJson(String contentType) {
        Rejected rejected = (Rejected) service.submit(submission("demo", contentType, "email=ada%40example.com"));

        assertThat(rejected.status()).isEqualTo(415);
        assertThat(rejected.format()).isEqualTo(SubmissionFormat.JSON);
        assertThat(forms.lookups()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "Demo", "demo/../admin", "demo%2F", "-demo", "", " demo",
            "a12345678901234567890123456789012345678901234567890123456789012345"})
    void submit_whenFormIdIllFormed_answers404WithoutLookingItUp(String formId) {
        forms.save(new FormDefinition(formId, "planted", DEMO.fields(), "v", null, List.of(), false, 1));

        Rejected rejected = (Rejected) service.submit(submission(formId, FORM_POST, "email=ada%40example.com"));

        assertThat(rejected.status()).isEqualTo(404);
        assertThat(forms.lookups()).isEmpty();
    }

    @Test
    void submit_whenFormUnknown_answers404InTheSubmissionsFormat() {
        Rejected rejected = (Rejected) service.submit(submission("nope", FORM_POST, "email=ada%40example.com"));

        assertThat(rejected.status()).isEqualTo(404);
        assertThat(rejected.format()).isEqualTo(SubmissionFormat.FORM);
        assertThat(forms.lookups()).containsExactly("nope");
    }

    @Test
    void submit_whenCaptured_queuesAFormSubmittedActivityUnderTheSubmissionId() {
        Captured captured = (Captured) service.submit(post("Jx1QwgFbjoEEMsg.", NOW, "email=ada%40example.com"));

        assertThat(activities.bodies()).singleElement().satisfies(body -> {
            JsonNode json = Json.tree(body);
            assertThat(json.get("activityId").asText()).isEqualTo("Jx1QwgFbjoEEMsg.");
            assertThat(json.get("leadId").asText()).isEqualTo(captured.leadId().value());
            assertThat(json.get("type").asText()).isEqualTo("form.submitted");
            assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30Z");
            assertThat(json.get("attributes")).isEqualTo(Json.tree("{\"formId\":\"demo\"}"));
            assertThat(Json.read(body, Activity.class)).isEqualTo(new Activity("Jx1QwgFbjoEEMsg.", captured.leadId(),
                    "form.submitted", NOW, Map.of("formId", "demo")));
        });
    }

    @Test
    void submit_whenCaptured_publishesLeadCapturedWithIdsStateAndConsentButNoPii() {
        Captured captured = (Captured) service.submit(post("req-1", NOW,
                "email=ada%40example.com&name=Ada&consent_email=on"));

        assertThat(bus.published()).containsExactly(new LeadCaptured("capture-req-1", NOW, captured.leadId().value(),
                "demo", true, "lead", true));
        assertThat(Json.write(bus.published().getFirst())).doesNotContain("ada").doesNotContain("example.com");
    }

    @Test
    void submit_whenJsonPosted_capturesAndAnswersInJson() {
        Captured captured = (Captured) service.submit(submission("demo", "application/json; charset=utf-8",
                "{\"email\":\"ada@example.com\",\"name\":\"Ada\",\"consent_email\":true}"));

        assertThat(captured.format()).isEqualTo(SubmissionFormat.JSON);
        assertThat(leads.all().getFirst().hasConsent("email")).isTrue();
    }

    private static FormSubmission post(String submissionId, Instant at, String body) {
        return new FormSubmission(submissionId, "demo", Optional.of(FORM_POST), body, Optional.empty(), at)
                .withToken(TOKENS.issue("demo", at.minusSeconds(10)));
    }

    private static FormSubmission submission(String formId, String contentType, String body) {
        return new FormSubmission("req-1", formId, Optional.of(contentType), body, Optional.empty(), NOW)
                .withToken(TOKENS.issue(formId, NOW.minusSeconds(10)));
    }

    private static Lead existingLead(String email, LeadState state, int score) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        Instant earlier = NOW.minus(Duration.ofDays(30));
        return new Lead(LeadId.random(), HASHER.hash(address), address, Map.of("name", "Ada"), state, earlier, score,
                Map.of(), earlier, earlier, 3);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
