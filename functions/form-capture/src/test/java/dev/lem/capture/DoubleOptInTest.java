package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.capture.FormCaptureService.ConfirmOutcome;
import dev.lem.forms.FormDefinition;
import dev.lem.bus.EventPublishException;
import dev.lem.events.LeadStateChanged;
import dev.lem.json.Json;
import dev.lem.lead.Consent;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadState;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Double opt-in: pending consent, the confirm email with a signed link, and confirming it. */
class DoubleOptInTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    private static final byte[] KEY = new byte[32];
    private static final IdentityHasher HASHER = new IdentityHasher(KEY);
    private static final FormTokens TOKENS = new FormTokens(KEY, new SecureRandom());
    private static final ConfirmationLinks LINKS = new ConfirmationLinks(KEY, URI.create("https://api.example.com/"));

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingQueue notify = new RecordingQueue();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final FormCaptureService service = new FormCaptureService(forms, leads, HASHER, bus,
            new RecordingQueue(), new SpamDefence(TOKENS, new InMemorySpamDefenceStore(), HASHER, Optional.empty()),
            new InMemoryCaptureIdempotencyStore(), Optional.of(new DoubleOptIn(LINKS, notify)));

    @BeforeEach
    void seedForm() {
        FormDefinition demo = FormDefinition.demo("https://www.example.com/thanks", List.of());
        forms.save(new FormDefinition("news", "Newsletter", demo.fields(), "consent-email-2026-11", null, List.of(), true, 1));
    }

    private void submit(String body, Instant at) {
        service.submit(new FormSubmission("req-" + at.getEpochSecond(), "news", Optional.of("application/x-www-form-urlencoded"),
                body, Optional.empty(), at, Optional.of("203.0.113.7"), Optional.of(TOKENS.issue("news", at.minusSeconds(10))),
                Optional.empty(), Optional.empty()));
    }

    private Map<String, String> linkQuery() {
        NotifyMessage message = Json.read(notify.bodies().getLast(), NotifyMessage.class);
        URI link = URI.create(message.data().get("confirmUrl"));
        Map<String, String> query = new HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(link.getPath()).isEqualTo("/f/news/confirm");
        return query;
    }

    private ConfirmOutcome confirm(Map<String, String> q, Instant at) {
        return service.confirm("news", q.get("l"), q.get("t"), q.get("s"), at);
    }

    @Test
    void submit_whenConsentTickedOnDoubleOptInForm_storesAnonymousLeadWithPendingConsentAndQueuesTheConfirmEmail() {
        submit("email=ada%40example.com&consent_email=on", T0);

        Lead lead = leads.all().getFirst();
        assertThat(lead.state()).isEqualTo(LeadState.ANONYMOUS);
        assertThat(lead.hasConsent("email")).isFalse();
        NotifyMessage message = Json.read(notify.bodies().getFirst(), NotifyMessage.class);
        assertThat(message.template()).isEqualTo("confirm");
        assertThat(message.category()).isEqualTo(MessageCategory.TRANSACTIONAL);
        assertThat(message.leadId()).isEqualTo(lead.id());
        assertThat(notify.bodies().getFirst()).doesNotContain("ada@example.com");
    }

    @Test
    void submit_whenConsentNotTicked_sendsNoConfirmation() {
        submit("email=ada%40example.com", T0);

        assertThat(notify.bodies()).isEmpty();
    }

    @Test
    void confirm_whenLinkValid_grantsConsentWithConfirmedAtAndMakesTheLeadASubscriber() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Instant clicked = T0.plus(Duration.ofHours(2));

        ConfirmOutcome outcome = confirm(linkQuery(), clicked);

        assertThat(outcome).isInstanceOf(ConfirmOutcome.Confirmed.class);
        Lead lead = leads.all().getFirst();
        assertThat(lead.state()).isEqualTo(LeadState.SUBSCRIBER);
        assertThat(lead.stateEnteredAt()).isEqualTo(clicked);
        assertThat(lead.consent("email")).contains(new Consent(true, "consent-email-2026-11", T0, "news",
                HASHER.hashIp("203.0.113.7"), clicked));
    }

    @Test
    void confirm_whenClickedTwice_changesNothingTheSecondTime() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Map<String, String> q = linkQuery();
        confirm(q, T0.plusSeconds(60));
        long version = leads.all().getFirst().version();

        ConfirmOutcome again = confirm(q, T0.plusSeconds(120));

        assertThat(again).isInstanceOfSatisfying(ConfirmOutcome.Confirmed.class, c -> assertThat(c.alreadyConfirmed()).isTrue());
        assertThat(leads.all().getFirst().version()).isEqualTo(version);
    }

    @Test
    void confirm_whenLeadIsFurtherAlong_keepsItsState() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Lead lead = leads.all().getFirst();
        leads.put(new Lead(lead.id(), lead.emailHash(), lead.email(), lead.profile(), LeadState.MQL, T0, 120,
                lead.consents(), lead.createdAt(), T0, lead.version(), lead.attribution(), lead.profileHistory()));

        confirm(linkQuery(), T0.plusSeconds(60));

        assertThat(leads.all().getFirst().state()).isEqualTo(LeadState.MQL);
        assertThat(leads.all().getFirst().hasConsent("email")).isTrue();
    }

    @Test
    void confirm_whenSignatureTampered_refuses400AndWritesNothing() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Map<String, String> q = new HashMap<>(linkQuery());
        q.put("t", Long.toString(Long.parseLong(q.get("t")) + 86_400));
        List<String> before = leads.writes();

        assertThat(confirm(q, T0.plusSeconds(60))).isEqualTo(new ConfirmOutcome.Refused(400, "this confirmation link is not valid"));
        assertThat(leads.writes()).isEqualTo(before);
    }

    @Test
    void confirm_whenLinkOlderThanSevenDays_refuses410() {
        submit("email=ada%40example.com&consent_email=on", T0);

        ConfirmOutcome outcome = confirm(linkQuery(), T0.plus(Duration.ofDays(7)).plusSeconds(1));

        assertThat(outcome).isInstanceOfSatisfying(ConfirmOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(410));
    }

    @Test
    void confirm_whenParametersMissingOrMalformed_refuses400() {
        assertThat(service.confirm("news", null, null, null, T0)).isInstanceOf(ConfirmOutcome.Refused.class);
        assertThat(service.confirm("news", "../x", "1", "s", T0)).isEqualTo(new ConfirmOutcome.Refused(400,
                "this confirmation link is not valid"));
        assertThat(service.confirm("nope", "x", "1", "s", T0)).isEqualTo(new ConfirmOutcome.Refused(404, "unknown form"));
    }

    private List<LeadStateChanged> stateChanges() {
        return bus.published().stream().filter(LeadStateChanged.class::isInstance).map(LeadStateChanged.class::cast).toList();
    }

    @Test
    void confirm_whenItMakesTheLeadASubscriber_publishesLeadStateChangedAnonymousToSubscriber() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Instant clicked = T0.plusSeconds(90);

        confirm(linkQuery(), clicked);

        String leadId = leads.all().getFirst().id().value();
        assertThat(stateChanges()).containsExactly(new LeadStateChanged("state-confirmed-" + leadId, clicked, leadId,
                "anonymous", "subscriber", "double opt-in confirmed", false, T0, null, null));
    }

    @Test
    void confirm_whenClickedAgain_publishesNoNewStateChange() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Map<String, String> q = linkQuery();
        confirm(q, T0.plusSeconds(60));
        Lead lead = leads.all().getFirst();
        leads.put(new Lead(lead.id(), lead.emailHash(), lead.email(), lead.profile(), LeadState.MQL, T0.plusSeconds(90), 120,
                lead.consents(), lead.createdAt(), T0, lead.version(), lead.attribution(), lead.profileHistory()));

        confirm(q, T0.plusSeconds(120));

        assertThat(stateChanges()).hasSize(1);
    }

    @Test
    void confirm_whenLeadIsFurtherAlong_publishesNoStateChange() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Lead lead = leads.all().getFirst();
        leads.put(new Lead(lead.id(), lead.emailHash(), lead.email(), lead.profile(), LeadState.MQL, T0, 120,
                lead.consents(), lead.createdAt(), T0, lead.version(), lead.attribution(), lead.profileHistory()));

        confirm(linkQuery(), T0.plusSeconds(60));

        assertThat(stateChanges()).isEmpty();
    }

    @Test
    void confirm_whenBusDownAfterTheWrite_publishesTheSameEventWhenTheLinkIsOpenedAgain() {
        submit("email=ada%40example.com&consent_email=on", T0);
        Map<String, String> q = linkQuery();
        bus.failNextCallWith(new EventPublishException("bus down", null));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> confirm(q, T0.plusSeconds(60)))
                .isInstanceOf(EventPublishException.class);
        assertThat(leads.all().getFirst().state()).isEqualTo(LeadState.SUBSCRIBER);
        assertThat(stateChanges()).isEmpty();

        ConfirmOutcome again = confirm(q, T0.plusSeconds(300));

        String leadId = leads.all().getFirst().id().value();
        assertThat(again).isInstanceOfSatisfying(ConfirmOutcome.Confirmed.class, c -> assertThat(c.alreadyConfirmed()).isTrue());
        assertThat(stateChanges()).containsExactly(new LeadStateChanged("state-confirmed-" + leadId, T0.plusSeconds(60),
                leadId, "anonymous", "subscriber", "double opt-in confirmed", false, T0, null, null));
    }
}
