package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.bus.EventPublishException;
import dev.lem.events.MessageFailed;
import dev.lem.events.MessageSent;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.testing.fakes.InMemoryIdempotencyStore;
import dev.lem.testing.fakes.InMemoryIdempotencyStore.Status;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.RecordingEventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:31Z");
    private static final byte[] TRACKING_KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final String WELCOME_ID = "welcome.1." + LEAD;
    private static final String KEY = "notify#" + WELCOME_ID;

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingMailer mailer = new RecordingMailer();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final NotificationService service = new NotificationService(leads, idempotency, new SendGate(), mailer, bus,
            new TrackingLinks(new LinkSigner(TRACKING_KEY), URI.create("https://t.lem.example/")),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void send_whenLeadHasAnAddress_sendsTheTemplateToItAndPublishesMessageSent() {
        leads.put(lead("ada@example.com", Map.of("name", "Ada", "company", "Analytical"), Map.of()));

        service.send(welcome());

        assertThat(mailer.calls()).singleElement().satisfies(email -> {
            assertThat(email.messageId()).isEqualTo(WELCOME_ID);
            assertThat(email.to().value()).isEqualTo("ada@example.com");
            assertThat(email.template()).isEqualTo("welcome");
        });
        assertThat(bus.published()).containsExactly(new MessageSent("sent-" + WELCOME_ID, NOW, WELCOME_ID, LEAD.value(),
                "email", "welcome", "ses-1"));
        assertThat(idempotency.entry(KEY)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.COMPLETED));
    }

    @Test
    void send_whenSent_claimsForFiveMinutesAndRemembersForThirtyDays() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(welcome());

        assertThat(idempotency.calls()).containsExactly("claim " + KEY + " 5m", "complete " + KEY + " 30d");
    }

    @Test
    void send_whenSent_givesTheTemplateNameCompanyAndASignedOpenPixel() {
        leads.put(lead("ada@example.com", Map.of("name", "Ada", "company", "Analytical", "phone", "+44 20"), Map.of()));

        service.send(welcome());

        Map<String, String> data = mailer.calls().getFirst().data();
        assertThat(data).containsOnlyKeys("formId", "name", "company", "openPixelUrl")
                .containsEntry("formId", "demo").containsEntry("name", "Ada").containsEntry("company", "Analytical");
        URI pixel = URI.create(data.get("openPixelUrl"));
        assertThat(pixel.getScheme() + "://" + pixel.getHost() + pixel.getPath()).isEqualTo("https://t.lem.example/t/o.gif");
        Map<String, String> query = query(pixel);
        assertThat(query).containsEntry("l", LEAD.value()).containsEntry("m", WELCOME_ID);
        assertThat(new LinkSigner(TRACKING_KEY).verify(query.get("s"), TrackingLinks.OPEN, query.get("l"), query.get("m")))
                .isTrue();
    }

    @Test
    void send_whenMessageDataHasAnHttpUrl_givesTheTemplateASignedClickLinkBesideIt() {
        leads.put(lead("ada@example.com", Map.of("name", "Ada"), Map.of()));
        String target = "https://www.example.com/tour?step=1";

        service.send(new NotifyMessage(WELCOME_ID, LEAD, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome", "welcome",
                Map.of("tourUrl", target, "logoUrl", "javascript:alert(1)", "homepage", "https://www.example.com/")));

        Map<String, String> data = mailer.calls().getFirst().data();
        assertThat(data).containsEntry("tourUrl", target).doesNotContainKey("logoUrlTracked").doesNotContainKey("homepageTracked");
        URI click = URI.create(data.get("tourUrlTracked"));
        assertThat(click.getScheme() + "://" + click.getHost() + click.getPath()).isEqualTo("https://t.lem.example/t/c");
        Map<String, String> query = query(click);
        assertThat(query).containsEntry("u", target).containsEntry("l", LEAD.value()).containsEntry("m", WELCOME_ID);
        assertThat(new LinkSigner(TRACKING_KEY).verify(query.get("s"), TrackingLinks.CLICK, target, LEAD.value(), WELCOME_ID))
                .isTrue();
    }

    @Test
    void send_whenProfileLacksNameAndCompany_passesThemEmptyNotMissing() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(welcome());

        assertThat(mailer.calls().getFirst().data()).containsEntry("name", "").containsEntry("company", "");
    }

    @Test
    void send_whenTheSameMessageArrivesTwice_sendsItOnce() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(welcome());
        service.send(welcome());

        assertThat(mailer.calls()).hasSize(1);
        assertThat(bus.published()).hasSize(1);
        assertThat(idempotency.calls()).last().isEqualTo("claim " + KEY + " 5m");
    }

    @Test
    void handle_whenTheSameBodyIsDeliveredTwice_sendsItOnce() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        String body = fixture("messages/welcome-1.json");

        service.handle(body);
        service.handle(body);

        assertThat(mailer.calls()).hasSize(1);
    }

    @Test
    void send_whenAnotherDeliveryHoldsTheClaim_throwsInProgressWithoutSendingOrReleasing() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        idempotency.hold(KEY, NOW.plus(Duration.ofMinutes(3)));

        assertThatThrownBy(() -> service.send(welcome()))
                .isInstanceOf(MessageInProgressException.class).hasMessageContaining(WELCOME_ID);
        assertThat(mailer.calls()).isEmpty();
        assertThat(idempotency.calls()).noneMatch(c -> c.startsWith("release"));
        assertThat(idempotency.entry(KEY)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.IN_PROGRESS));
    }

    @Test
    void send_whenTheClaimHolderDiedLongAgo_takesOverAndSends() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        idempotency.hold(KEY, NOW.minus(Duration.ofMinutes(1)));

        service.send(welcome());

        assertThat(mailer.calls()).hasSize(1);
    }

    @Test
    void send_whenProviderFailsRetryably_releasesTheClaimAndRethrowsSoTheRetrySends() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        SendFailedException throttled = new SendFailedException("SES failed (429)", true, null);
        mailer.failNextCallWith(throttled);

        assertThatThrownBy(() -> service.send(welcome())).isSameAs(throttled);
        assertThat(idempotency.entry(KEY)).isEmpty();
        assertThat(bus.published()).isEmpty();

        service.send(welcome());

        assertThat(mailer.calls()).hasSize(2);
        assertThat(bus.published()).singleElement().isInstanceOf(MessageSent.class);
    }

    @Test
    void send_whenProviderRefusesForGood_publishesProviderRefusedAndNeverRetries() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        mailer.failNextCallWith(new SendFailedException("SES refused: MessageRejected", false, null));

        service.send(welcome());
        service.send(welcome());

        assertThat(mailer.calls()).hasSize(1);
        assertThat(bus.published()).containsExactly(new MessageFailed("failed-" + WELCOME_ID, NOW, WELCOME_ID, LEAD.value(),
                "email", "provider-refused", false));
        assertThat(idempotency.entry(KEY)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.COMPLETED));
    }

    @Test
    void send_whenMarketingWithoutConsent_publishesNoConsentAndSendsNothing() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(false, "v1", NOW))));
        NotifyMessage nurture = new NotifyMessage("welcome.2." + LEAD, LEAD, Channel.EMAIL, MessageCategory.MARKETING,
                "welcome", "welcome-2", Map.of());

        service.send(nurture);

        assertThat(mailer.calls()).isEmpty();
        assertThat(bus.published()).containsExactly(new MessageFailed("failed-welcome.2." + LEAD, NOW, "welcome.2." + LEAD,
                LEAD.value(), "email", "no-consent", false));
        assertThat(idempotency.entry("notify#welcome.2." + LEAD))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.COMPLETED));
    }

    @Test
    void send_whenMarketingWithConsent_sendsIt() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(true, "v1", NOW))));

        service.send(new NotifyMessage("welcome.2." + LEAD, LEAD, Channel.EMAIL, MessageCategory.MARKETING, "welcome",
                "welcome-2", Map.of()));

        assertThat(mailer.calls()).extracting(OutgoingEmail::template).containsExactly("welcome-2");
    }

    @Test
    void send_whenLeadHasNoAddress_publishesNoAddress() {
        leads.put(lead(null, Map.of(), Map.of()));

        service.send(welcome());

        assertThat(mailer.calls()).isEmpty();
        assertThat(((MessageFailed) bus.published().getFirst()).reason()).isEqualTo("no-address");
    }

    @Test
    void send_whenLeadWasErased_publishesLeadNotFound() {
        service.send(welcome());

        assertThat(mailer.calls()).isEmpty();
        assertThat(((MessageFailed) bus.published().getFirst()).reason()).isEqualTo("lead-not-found");
    }

    @Test
    void send_whenChannelIsNotEmail_publishesChannelNotSupported() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(new NotifyMessage("sms.1." + LEAD, LEAD, Channel.SMS, MessageCategory.TRANSACTIONAL, "sms", "code",
                Map.of()));

        assertThat(mailer.calls()).isEmpty();
        assertThat(bus.published()).singleElement().satisfies(e -> {
            assertThat(((MessageFailed) e).reason()).isEqualTo("channel-not-supported");
            assertThat(((MessageFailed) e).channel()).isEqualTo("sms");
        });
    }

    @Test
    void send_whenPublishingTheBlockFails_releasesTheClaimSoTheRetryPublishesIt() {
        bus.failNextCallWith(new EventPublishException("PutEvents failed", null));

        assertThatThrownBy(() -> service.send(welcome())).isInstanceOf(EventPublishException.class);
        assertThat(idempotency.entry(KEY)).isEmpty();

        service.send(welcome());

        assertThat(((MessageFailed) bus.published().getFirst()).reason()).isEqualTo("lead-not-found");
    }

    @Test
    void send_whenPublishingMessageSentFailsAfterTheEmailLeft_neverSendsItAgain() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        bus.failNextCallWith(new EventPublishException("PutEvents failed", null));

        assertThatThrownBy(() -> service.send(welcome())).isInstanceOf(EventPublishException.class);
        service.send(welcome());

        assertThat(mailer.calls()).hasSize(1);
        assertThat(idempotency.entry(KEY)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.COMPLETED));
    }

    @Test
    void handle_whenBodyIsNotANotifyMessage_throwsMalformedJsonBeforeClaiming() {
        assertThatThrownBy(() -> service.handle("{\"messageId\":\"x\"}")).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> service.handle("not json")).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> service.handle(Json.write(Map.of("messageId", "bad id with spaces", "leadId", LEAD.value(),
                "channel", "email", "category", "transactional", "template", "welcome"))))
                .isInstanceOf(MalformedJsonException.class);
        assertThat(idempotency.calls()).isEmpty();
        assertThat(mailer.calls()).isEmpty();
    }

    private static NotifyMessage welcome() {
        return new NotifyMessage(WELCOME_ID, LEAD, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome", "welcome",
                Map.of("formId", "demo"));
    }

    private static Lead lead(String email, Map<String, String> profile, Map<String, Consent> consents) {
        Instant created = Instant.parse("2026-11-23T10:15:30Z");
        return new Lead(LEAD, "hash", email == null ? null : EmailAddress.parse(email).orElseThrow(), profile,
                LeadState.LEAD, created, 0, consents, created, created, 1);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String fixture(String path) {
        try (InputStream in = NotificationServiceTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
