package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.events.LeadStateChanged;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.Activity;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.SuppressionReason;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySuppressionList;
import dev.lem.testing.fakes.RecordingEventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedbackServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    private static final IdentityHasher HASHER = new IdentityHasher("identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress ADA = EmailAddress.parse("ada@example.com").orElseThrow();
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final FeedbackService service = new FeedbackService(leads, suppressions, HASHER, bus);

    FeedbackServiceTest() {
        leads.put(new Lead(LEAD, HASHER.hash(ADA), ADA, Map.of("name", "Ada"), LeadState.MQL, NOW, 110,
                Map.of("email", new Consent(true, "v1", NOW)), NOW, NOW, 1));
    }

    @Test
    void handle_whenHardBounceInItsSnsEnvelope_suppressesTheHashMakesTheLeadUnreachableAndRecordsIt() {
        service.handle(snsEnvelope(fixture("ses/bounce-permanent.json")));

        assertThat(suppressions.find(HASHER.hash(ADA))).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
            assertThat(s.at()).isEqualTo(Instant.parse("2026-11-23T12:00:05Z"));
        });
        Lead lead = leads.get(LEAD);
        assertThat(lead.state()).isEqualTo(LeadState.UNREACHABLE);
        assertThat(lead.stateEnteredAt()).isEqualTo(Instant.parse("2026-11-23T12:00:05Z"));
        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(LeadStateChanged.class, e -> {
            assertThat(e.from()).isEqualTo("mql");
            assertThat(e.to()).isEqualTo("unreachable");
            assertThat(e.reason()).isEqualTo("hard-bounce");
        });
        assertThat(leads.timeline()).extracting(Activity::type).containsExactly("email.bounced");
        assertThat(leads.timeline().getFirst().attributes()).containsEntry("bounceType", "permanent");
    }

    @Test
    void handle_whenTheSameHardBounceArrivesTwice_changesNothingTheSecondTime() {
        String body = fixture("ses/bounce-permanent.json");

        service.handle(body);
        service.handle(body);

        assertThat(bus.published()).hasSize(1);
        assertThat(leads.timeline()).hasSize(1);
        assertThat(leads.get(LEAD).version()).isEqualTo(2);
    }

    @Test
    void handle_whenTransientBounce_recordsItWithoutSuppressingOrChangingState() {
        service.handle(fixture("ses/bounce-transient.json"));

        assertThat(suppressions.entries()).isEmpty();
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.MQL);
        assertThat(leads.timeline().getFirst().attributes()).containsEntry("bounceType", "transient");
    }

    @Test
    void handle_whenComplaintWithADisplayName_suppressesTheAddressForComplaint() {
        service.handle(fixture("ses/complaint.json"));

        assertThat(suppressions.find(HASHER.hash(ADA))).hasValueSatisfying(s ->
                assertThat(s.reason()).isEqualTo(SuppressionReason.COMPLAINT));
        assertThat(leads.timeline()).extracting(Activity::type).containsExactly("email.complained");
        assertThat(leads.get(LEAD).state()).isEqualTo(LeadState.MQL);
    }

    @Test
    void handle_whenComplaint_publishesAnEmailUnsubscribeThatEndsJourneys_theSameOnRedelivery() {
        service.handle(fixture("ses/complaint.json"));
        service.handle(fixture("ses/complaint.json"));

        assertThat(bus.published()).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                dev.lem.events.LeadActivity.class, activity -> {
                    assertThat(activity.type()).isEqualTo("email.unsubscribe");
                    assertThat(activity.leadId()).isEqualTo(LEAD.value());
                    assertThat(activity.eventId()).startsWith("ses.").endsWith(".complaint").hasSizeLessThanOrEqualTo(128);
                }));
        assertThat(bus.published().get(0)).isEqualTo(bus.published().get(1));
        // the schema check of this shape runs in shared (sample.v1.unsubscribe.json) and in the router's decode
        // (UnsubscribeEndsJourneysIT); this jar has no schema validator
    }

    @ParameterizedTest
    @CsvSource({"ses/open.json, email.opened, 2026-11-23T12:10:00Z", "ses/click.json, email.clicked, 2026-11-23T12:11:00Z",
            "ses/delivery.json, email.delivered, 2026-11-23T12:00:02Z"})
    void handle_whenOpenClickOrDelivery_recordsActivityOnly(String fixture, String type, String at) {
        service.handle(fixture(fixture));

        assertThat(leads.timeline()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(type);
            assertThat(a.leadId()).isEqualTo(LEAD);
            assertThat(a.occurredAt()).isEqualTo(Instant.parse(at));
            assertThat(a.attributes()).doesNotContainValue("ada@example.com");
        });
        assertThat(suppressions.entries()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handle_whenClick_keepsTheLink() {
        service.handle(fixture("ses/click.json"));

        assertThat(leads.timeline().getFirst().attributes()).containsEntry("link", "https://www.example.com/tour");
    }

    @Test
    void handle_whenRecipientIsNoLead_stillSuppressesTheHash() {
        service.handle(fixture("ses/bounce-permanent.json").replace("ada@example.com", "ghost@example.com"));

        assertThat(suppressions.find(HASHER.hash(EmailAddress.parse("ghost@example.com").orElseThrow()))).isPresent();
        assertThat(leads.timeline()).isEmpty();
    }

    @Test
    void handle_whenEventTypeIsNotOneWeHandle_ignoresIt() {
        service.handle(fixture("ses/open.json").replace("\"Open\"", "\"DeliveryDelay\""));

        assertThat(leads.timeline()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{}", "{\"eventType\":\"Open\"}",
            "{\"eventType\":\"Open\",\"mail\":{\"messageId\":\"bad id with spaces\"}}",
            "{\"eventType\":\"Open\",\"mail\":{\"messageId\":\"m1\",\"timestamp\":\"yesterday\"},\"open\":{}}"})
    void handle_whenBodyIsNotAnSesEvent_throwsMalformedSoTheRecordFailsToTheDlq(String body) {
        assertThatThrownBy(() -> service.handle(body)).isInstanceOf(MalformedJsonException.class);
        assertThat(leads.timeline()).isEmpty();
    }

    private static String snsEnvelope(String message) {
        return Json.write(Map.of("Type", "Notification", "MessageId", "sns-1", "TopicArn",
                "arn:aws:sns:eu-west-1:000000000000:lem-ses-feedback", "Message", message));
    }

    private static String fixture(String path) {
        try (InputStream in = FeedbackServiceTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
