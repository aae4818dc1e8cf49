package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.events.LeadCaptured;
import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import dev.lem.lead.Consent;
import dev.lem.lead.FieldChange;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
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

/** Source attribution, progressive profiling with history, and consent details on the captured lead. */
class FormCaptureProfileTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);
    private static final FormTokens TOKENS = new FormTokens(new byte[32], new SecureRandom());
    private static final String IP = "203.0.113.7";

    private final InMemoryFormStore forms = new InMemoryFormStore();
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final InMemoryCaptureIdempotencyStore idempotencyStore = new InMemoryCaptureIdempotencyStore();
    private final FormCaptureService service = new FormCaptureService(forms, leads, HASHER, bus, new RecordingQueue(),
            new SpamDefence(TOKENS, new InMemorySpamDefenceStore(), HASHER, Optional.empty()), idempotencyStore);

    @BeforeEach
    void seedForms() {
        forms.save(FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com")));
        forms.save(new FormDefinition("webinar", "Webinar", List.of(
                FieldDefinition.of("email", "Email", FieldType.EMAIL, true),
                FieldDefinition.of("company", "Company", FieldType.TEXT, false),
                FieldDefinition.of("phone", "Phone", FieldType.PHONE, false),
                FieldDefinition.consent("consent_sms", "Text me", "sms"),
                FieldDefinition.consent("consent_phone", "Call me", "phone")),
                "consent-2026-12", null, List.of(), false, 1));
    }

    private CaptureOutcome submit(String formId, Instant at, String body) {
        return service.submit(new FormSubmission("req-" + at.getEpochSecond() + formId, formId,
                Optional.of("application/x-www-form-urlencoded"), body, Optional.empty(), at, Optional.of(IP),
                Optional.of(TOKENS.issue(formId, at.minusSeconds(30))), Optional.empty(), Optional.empty()));
    }

    private Lead lead() {
        return leads.all().getFirst();
    }

    @Test
    void submit_whenFirstSubmissionCarriesUtm_keepsItAsFirstAndLastTouchAndPublishesTheSource() {
        submit("demo", T0, "email=ada%40example.com&lem_utm_source=newsletter&lem_utm_medium=email&lem_utm_campaign=spring");

        assertThat(lead().attribution().firstTouch()).isEqualTo(lead().attribution().lastTouch())
                .satisfies(t -> assertThat(t.source()).isEqualTo("newsletter"));
        LeadCaptured event = (LeadCaptured) bus.published().getFirst();
        assertThat(event.source()).isEqualTo("newsletter");
        assertThat(event.medium()).isEqualTo("email");
        assertThat(event.campaign()).isEqualTo("spring");
    }

    @Test
    void submit_whenALaterSubmissionComesFromElsewhere_replacesTheLastTouchOnly() {
        submit("demo", T0, "email=ada%40example.com&lem_utm_source=newsletter");
        submit("webinar", T0.plusSeconds(3600), "email=ada%40example.com&lem_gclid=xyz");

        assertThat(lead().attribution().firstTouch().source()).isEqualTo("newsletter");
        assertThat(lead().attribution().firstTouch().formId()).isEqualTo("demo");
        assertThat(lead().attribution().lastTouch().source()).isEqualTo("google");
        assertThat(lead().attribution().lastTouch().at()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void submit_whenALaterSubmissionHasNoSource_keepsTheLastTouchAndPublishesNoSource() {
        submit("demo", T0, "email=ada%40example.com&lem_utm_source=newsletter");
        submit("demo", T0.plusSeconds(600), "email=ada%40example.com");

        assertThat(lead().attribution().lastTouch().source()).isEqualTo("newsletter");
        assertThat(((LeadCaptured) bus.published().getLast()).source()).isNull();
    }

    @Test
    void submit_whenALaterFormAsksOtherFields_addsThemAndKeepsTheEarlierOnes() {
        submit("demo", T0, "email=ada%40example.com&name=Ada&company=Analytical");
        submit("webinar", T0.plusSeconds(60), "email=ada%40example.com&phone=%2B44+20+7946+0000");

        assertThat(lead().profile()).containsEntry("name", "Ada").containsEntry("company", "Analytical")
                .containsEntry("phone", "+44 20 7946 0000");
        assertThat(lead().profileHistory()).isEmpty();
    }

    @Test
    void submit_whenAValueChanges_keepsThePreviousValueWithTimeAndForm() {
        submit("demo", T0, "email=ada%40example.com&company=Analytical");
        submit("webinar", T0.plusSeconds(60), "email=ada%40example.com&company=Babbage+Ltd");
        submit("webinar", T0.plusSeconds(120), "email=ada%40example.com&company=Babbage+Ltd");

        assertThat(lead().profile()).containsEntry("company", "Babbage Ltd");
        assertThat(lead().profileHistory().get("company"))
                .containsExactly(new FieldChange("Analytical", T0.plusSeconds(60), "webinar"));
    }

    @Test
    void submit_whenAValueChangesMoreThanTenTimes_keepsTheLastTenPreviousValues() {
        for (int i = 0; i <= 12; i++) {
            submit("demo", T0.plusSeconds(60L * i), "email=ada%40example.com&company=C" + i);
        }

        List<FieldChange> history = lead().profileHistory().get("company");
        assertThat(history).hasSize(Lead.MAX_HISTORY_PER_FIELD);
        assertThat(history.getFirst().previousValue()).isEqualTo("C2");
        assertThat(history.getLast().previousValue()).isEqualTo("C11");
        assertThat(lead().profile()).containsEntry("company", "C12");
    }

    @Test
    void submit_whenConsentGivenPerChannel_recordsTextVersionTimeFormAndHashedIp() {
        submit("webinar", T0, "email=ada%40example.com&consent_sms=on&consent_phone=off");

        String ipHash = HASHER.hashIp(IP);
        assertThat(lead().consents()).containsEntry("sms", new Consent(true, "consent-2026-12", T0, "webinar", ipHash, null))
                .containsEntry("phone", new Consent(false, "consent-2026-12", T0, "webinar", ipHash, null));
        assertThat(lead().consents().values()).noneMatch(c -> IP.equals(c.ipHash()));
    }
}
