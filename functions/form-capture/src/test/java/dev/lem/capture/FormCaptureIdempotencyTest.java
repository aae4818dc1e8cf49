package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.capture.CaptureOutcome.Captured;
import dev.lem.capture.CaptureOutcome.Rejected;
import dev.lem.forms.FormDefinition;
import dev.lem.lead.IdentityHasher;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key and same-payload repeats: one capture, the same answer. */
class FormCaptureIdempotencyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);
    private static final FormTokens TOKENS = new FormTokens(new byte[32], new SecureRandom());

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final RecordingQueue activities = new RecordingQueue();
    private final InMemoryCaptureIdempotencyStore idempotencyStore = new InMemoryCaptureIdempotencyStore();
    private final FormCaptureService service = new FormCaptureService(forms, leads, HASHER, bus, activities,
            new SpamDefence(TOKENS, new InMemorySpamDefenceStore(), HASHER, Optional.empty()), idempotencyStore);

    @BeforeEach
    void seedForm() {
        forms.save(FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com")));
    }

    private static FormSubmission post(String id, Instant at, String body, String token, Optional<String> key) {
        return new FormSubmission(id, "demo", Optional.of("application/json"), body, Optional.empty(), at,
                Optional.of("203.0.113.7"), Optional.of(token), Optional.empty(), key);
    }

    private static String token(Instant at) {
        return TOKENS.issue("demo", at.minusSeconds(10));
    }

    @Test
    void submit_whenSameIdempotencyKeyRetriedWithTheSameToken_capturesOnceAndAnswersTheSame() {
        String token = token(T0);
        Captured first = (Captured) service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token, Optional.of("k-1")));

        CaptureOutcome retry = service.submit(post("r2", T0.plusSeconds(30), "{\"email\":\"ada@example.com\"}", token,
                Optional.of("k-1")));

        assertThat(retry).isEqualTo(first);
        assertThat(leads.all()).hasSize(1);
        assertThat(bus.published()).hasSize(1);
        assertThat(activities.bodies()).hasSize(1);
    }

    @Test
    void submit_whenSameKeyAfterADay_capturesAgain() {
        service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token(T0), Optional.of("k-1")));
        Instant later = T0.plusSeconds(86_401);

        Captured again = (Captured) service.submit(post("r2", later, "{\"email\":\"ada@example.com\"}", token(later),
                Optional.of("k-1")));

        assertThat(again.newLead()).isFalse();
        assertThat(bus.published()).hasSize(2);
    }

    @Test
    void submit_whenSamePayloadWithinFiveMinutesWithoutKey_capturesOnce() {
        Captured first = (Captured) service.submit(post("r1", T0, "{\"email\":\"Ada@Example.com\",\"name\":\"Ada\"}",
                token(T0), Optional.empty()));
        Instant later = T0.plusSeconds(299);

        CaptureOutcome repeat = service.submit(post("r2", later, "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}",
                token(later), Optional.empty()));

        assertThat(repeat).isEqualTo(first);
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void submit_whenSamePayloadAfterFiveMinutes_capturesAgainAsReturningLead() {
        service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token(T0), Optional.empty()));
        Instant later = T0.plusSeconds(301);

        Captured again = (Captured) service.submit(post("r2", later, "{\"email\":\"ada@example.com\"}", token(later),
                Optional.empty()));

        assertThat(again.newLead()).isFalse();
        assertThat(leads.all()).hasSize(1);
        assertThat(bus.published()).hasSize(2);
    }

    @Test
    void submit_whenPayloadDiffers_capturesBoth() {
        service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token(T0), Optional.empty()));

        service.submit(post("r2", T0.plusSeconds(5), "{\"email\":\"ada@example.com\",\"company\":\"Analytical\"}",
                token(T0.plusSeconds(5)), Optional.empty()));

        assertThat(bus.published()).hasSize(2);
        assertThat(leads.all().getFirst().profile()).containsEntry("company", "Analytical");
    }

    @Test
    void submit_whenKeyMalformed_answers400AndWritesNothing() {
        Rejected rejected = (Rejected) service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token(T0),
                Optional.of("bad key\r\n")));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(leads.writes()).isEmpty();
    }

    @Test
    void submit_whenCaptureFailsBeforeTheLeadWrite_releasesTheKeySoARetryCaptures() {
        leads.failNextCallWith(new dev.lem.store.StoreUnavailableException("GetItem failed", null));
        String token = token(T0);
        assertThatThrownBy(() -> service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token, Optional.of("k-9"))))
                .isInstanceOf(dev.lem.store.StoreUnavailableException.class);

        Captured retry = (Captured) service.submit(post("r2", T0.plusSeconds(5), "{\"email\":\"ada@example.com\"}",
                token, Optional.of("k-9")));

        assertThat(retry.newLead()).isTrue();
        assertThat(idempotencyStore.calls()).containsExactly("claim demo#k:k-9", "release demo#k:k-9", "claim demo#k:k-9",
                "complete demo#k:k-9");
    }

    @Test
    void submit_whenCaptureFailsAfterTheLeadWrite_interruptsTheKeySoTheRetryResumesIt() {
        activities.failNextCallWith(new QueueUnavailableException("SendMessage failed", null));
        String token = token(T0);
        assertThatThrownBy(() -> service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token, Optional.of("k-9"))))
                .isInstanceOf(QueueUnavailableException.class);

        Captured retry = (Captured) service.submit(post("r2", T0.plusSeconds(5), "{\"email\":\"ada@example.com\"}",
                token, Optional.of("k-9")));

        assertThat(retry.newLead()).isTrue();
        assertThat(idempotencyStore.calls()).containsExactly("claim demo#k:k-9", "interrupt demo#k:k-9", "claim demo#k:k-9",
                "complete demo#k:k-9");
        assertThat(bus.published()).singleElement().satisfies(e -> assertThat(e.eventId()).isEqualTo("capture-r1"));
    }

    /**
     * Found by {@code lem bench faults}: a crash between the lead write and the {@code lead.captured} publish made the
     * client's retry announce the lead it had created as returning ({@code newLead: false}) and queue a second
     * {@code form.submitted} activity under the retry's request id, so the one submission was scored twice.
     */
    @Test
    void submit_whenPublishFailsAfterTheLeadWrite_retryPublishesUnderTheFirstIdsAndAnnouncesTheLeadAsNew() {
        bus.failNextCallWith(new dev.lem.bus.EventPublishException("PutEvents failed", null));
        String token = token(T0);
        String body = "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}";
        assertThatThrownBy(() -> service.submit(post("r1", T0, body, token, Optional.empty())))
                .isInstanceOf(dev.lem.bus.EventPublishException.class);

        Captured retry = (Captured) service.submit(post("r2", T0.plusSeconds(3), body, token, Optional.empty()));

        assertThat(retry.newLead()).isTrue();
        assertThat(leads.all()).singleElement().satisfies(l -> assertThat(l.id()).isEqualTo(retry.leadId()));
        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(dev.lem.events.LeadCaptured.class, e -> {
            assertThat(e.eventId()).isEqualTo("capture-r1");
            assertThat(e.newLead()).isTrue();
        });
        // the same activity twice under one id: scoring records it once
        assertThat(activities.bodies()).hasSize(2).allSatisfy(a -> assertThat(dev.lem.json.Json.tree(a).get("activityId").asText())
                .isEqualTo("r1"));
        // a later, separate submission of the same lead is its own activity and a returning lead again
        Instant later = T0.plusSeconds(600);
        Captured returning = (Captured) service.submit(post("r3", later, body, token(later), Optional.empty()));
        assertThat(returning.newLead()).isFalse();
        assertThat(bus.published()).last().satisfies(e -> assertThat(e.eventId()).isEqualTo("capture-r3"));
    }

    @Test
    void submit_whenTokenReplayedUnderANewKey_answers409AndReleasesTheKey() {
        String token = token(T0);
        service.submit(post("r1", T0, "{\"email\":\"ada@example.com\"}", token, Optional.of("k-1")));

        Rejected replay = (Rejected) service.submit(post("r2", T0.plusSeconds(5), "{\"email\":\"eve@example.com\"}", token,
                Optional.of("k-2")));

        assertThat(replay.status()).isEqualTo(409);
        assertThat(idempotencyStore.calls()).contains("release demo#k:k-2");
    }
}
