package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.capture.CaptureOutcome.Captured;
import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.lead.IdentityHasher;
import dev.lem.queue.MessageQueue;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import dev.lem.visitor.VisitorLink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A submission carrying the visitor id queues a visitor → lead link; the merge itself never fails a submission. */
class FormCaptureVisitorLinkTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingQueue activities = new RecordingQueue();
    private boolean linkSendFails;
    private final MessageQueue queue = body -> {
        if (linkSendFails && body.contains(VisitorLink.KIND)) {
            throw new QueueUnavailableException("activity queue down", null);
        }
        activities.send(body);
    };
    private final FormCaptureService service = new FormCaptureService(forms, leads, HASHER, new RecordingEventBus(), queue,
            new SpamDefence(FormCaptureServiceTest.TOKENS, new InMemorySpamDefenceStore(), HASHER, Optional.empty()),
            new InMemoryCaptureIdempotencyStore());

    @BeforeEach
    void seedForm() {
        forms.save(FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com")));
    }

    private static FormSubmission post(String body) {
        return new FormSubmission("req-1", "demo", Optional.of("application/x-www-form-urlencoded"), body, Optional.empty(),
                NOW).withToken(FormCaptureServiceTest.TOKENS.issue("demo", NOW.minusSeconds(10)));
    }

    private List<VisitorLink> links() {
        return activities.bodies().stream().filter(b -> b.contains(VisitorLink.KIND))
                .map(b -> Json.read(b, VisitorLink.class)).toList();
    }

    @Test
    void submit_whenTheFormCarriesTheVisitorField_queuesALinkToTheLead() {
        Captured captured = (Captured) service.submit(post("email=ada%40example.com&lem_vid=" + VID));

        assertThat(links()).containsExactly(VisitorLink.of("req-1", VID, captured.leadId(), NOW));
    }

    @Test
    void submit_whenOnlyTheCookieCarriesTheVisitor_queuesALinkFromTheCookie() {
        Captured captured = (Captured) service.submit(post("email=ada%40example.com").withVisitorCookie(VID));

        assertThat(links()).containsExactly(VisitorLink.of("req-1", VID, captured.leadId(), NOW));
    }

    @Test
    void submit_whenFieldAndCookieDiffer_theFieldWins() {
        service.submit(post("email=ada%40example.com&lem_vid=" + VID).withVisitorCookie("ZZZZZZZZZZZZZZZZZZZZZZ"));

        assertThat(links()).extracting(VisitorLink::visitorId).containsExactly(VID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "AAECAwQFBgcICQoLDA0OD%3C", "AAECAwQFBgcICQoLDA0ODwXX", ""})
    void submit_whenTheVisitorIdIsMalformed_capturesTheLeadWithoutALink(String vid) {
        CaptureOutcome outcome = service.submit(post("email=ada%40example.com&lem_vid=" + vid).withVisitorCookie(vid));

        assertThat(outcome).isInstanceOf(Captured.class);
        assertThat(links()).isEmpty();
    }

    @Test
    void submit_whenTheLinkCannotBeQueued_stillCapturesTheLead() {
        linkSendFails = true;

        CaptureOutcome outcome = service.submit(post("email=ada%40example.com&lem_vid=" + VID));

        assertThat(outcome).isInstanceOf(Captured.class);
        assertThat(leads.all()).hasSize(1);
        assertThat(activities.bodies()).singleElement().satisfies(b -> assertThat(b).contains("form.submitted"));
    }
}
