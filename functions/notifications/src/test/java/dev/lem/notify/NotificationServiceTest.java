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
import dev.lem.testing.fakes.InMemoryFrequencyCaps;
import dev.lem.testing.fakes.InMemorySuppressionList;
import dev.lem.testing.fakes.RecordingStepScheduler;
import dev.lem.lead.IdentityHasher;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionReason;
import java.time.ZoneId;
import java.util.Optional;
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
    private static final String SEND_KEY = "notify-send#" + WELCOME_ID;
    private static final String HASH = "a".repeat(64);
    private static final String POSTAL = "LEM Example Ltd, 1 Sample Street, Dublin";
    private static final String NURTURE_ID = "welcome.2." + LEAD;

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingMailer mailer = new RecordingMailer();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final InMemoryFrequencyCaps caps = new InMemoryFrequencyCaps();
    private final RecordingStepScheduler retryLater = new RecordingStepScheduler();
    private final java.util.List<String> rememberedTimers = new java.util.ArrayList<>();
    private final NotificationService service = service(NOW);

    private NotificationService service(Instant now) {
        URI base = URI.create("https://t.lem.example/");
        LinkSigner signer = new LinkSigner(TRACKING_KEY);
        return new NotificationService(leads, idempotency,
                new SendGate(new Recipients(new IdentityHasher(TRACKING_KEY)), suppressions, caps,
                        new GatePolicy(1, 2, QuietHours.parse("21:00-08:00"), ZoneId.of("UTC"))),
                new Outbound(new EmailComposer(new TrackingLinks(signer, base), new UnsubscribeLinks(signer, base),
                        Optional.of(POSTAL)), mailer),
                new HeldMessages(retryLater, (lead, name, at) -> rememberedTimers.add(name)), bus, Clock.fixed(now, ZoneOffset.UTC));
    }

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

        assertThat(idempotency.calls()).containsExactly("claim " + KEY + " 5m", "claim " + SEND_KEY + " 43200m",
                "complete " + SEND_KEY + " 30d", "complete " + KEY + " 30d");
    }

    @Test
    void send_whenSent_givesTheTemplateNameCompanyAndASignedOpenPixel() {
        leads.put(lead("ada@example.com", Map.of("name", "Ada", "company", "Analytical", "phone", "+44 20"), Map.of()));

        service.send(welcome());

        Map<String, String> data = mailer.calls().getFirst().data();
        assertThat(data).containsOnlyKeys("formId", "name", "company", "openPixelUrl", "unsubscribeUrl", "postalAddress")
                .containsEntry("formId", "demo").containsEntry("name", "Ada").containsEntry("company", "Analytical")
                .containsEntry("postalAddress", POSTAL);
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
        assertThat(idempotency.entry(SEND_KEY)).isEmpty();
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
    void send_whenSmsAndLeadHasNoPhone_publishesNoAddress() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(new NotifyMessage("sms.1." + LEAD, LEAD, Channel.SMS, MessageCategory.TRANSACTIONAL, "sms", "code",
                Map.of()));

        assertThat(mailer.calls()).isEmpty();
        assertThat(bus.published()).singleElement().satisfies(e -> {
            assertThat(((MessageFailed) e).reason()).isEqualTo("no-address");
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

    @Test
    void send_whenSent_recordsMessageSentOnTheLeadsActivity() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(welcome());

        assertThat(leads.timeline()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("message.sent");
            assertThat(a.leadId()).isEqualTo(LEAD);
            assertThat(a.attributes()).containsEntry("messageId", WELCOME_ID).containsEntry("channel", "email")
                    .containsEntry("providerId", "ses-1");
        });
    }

    @Test
    void send_whenMarketing_addsRfc8058OneClickHeadersWithTheSignedUnsubscribeUrl() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(true, "v1", NOW))));

        service.send(nurture());

        OutgoingEmail email = mailer.calls().getFirst();
        String url = email.data().get("unsubscribeUrl");
        assertThat(url).startsWith("https://t.lem.example/u/" + LEAD + ".email.");
        assertThat(new UnsubscribeLinks(new LinkSigner(TRACKING_KEY), URI.create("https://t.lem.example"))
                .verify(url.substring(url.lastIndexOf('/') + 1)))
                .contains(new UnsubscribeLinks.Token(LEAD, Channel.EMAIL));
        assertThat(email.headers()).containsExactly(Map.entry("List-Unsubscribe", "<" + url + ">"),
                Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    @Test
    void send_whenTransactional_sendsNoListUnsubscribeHeaders() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));

        service.send(welcome());

        assertThat(mailer.calls().getFirst().headers()).isEmpty();
    }

    @Test
    void send_whenAddressSuppressed_blocksEvenTransactionalAndRecordsTheReason() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        suppressions.suppress(new Suppression(HASH, SuppressionReason.HARD_BOUNCE, NOW));

        service.send(welcome());

        assertThat(mailer.calls()).isEmpty();
        assertThat(((MessageFailed) bus.published().getFirst()).reason()).isEqualTo("suppressed-hard-bounce");
        assertThat(leads.timeline()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("message.blocked");
            assertThat(a.attributes()).containsEntry("reason", "suppressed-hard-bounce");
        });
    }

    @Test
    void send_whenUnsubscribedBetweenTwoSteps_sendsTheFirstAndStopsTheSecond() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(true, "v1", NOW))));
        service.send(new NotifyMessage("welcome.1." + LEAD, LEAD, Channel.EMAIL, MessageCategory.MARKETING, "welcome",
                "welcome", Map.of()));

        suppressions.suppress(new Suppression(HASH, SuppressionReason.UNSUBSCRIBE, NOW));
        service(NOW.plus(Duration.ofDays(2))).send(nurture());

        assertThat(mailer.calls()).extracting(OutgoingEmail::template).containsExactly("welcome");
        assertThat(bus.published()).last().satisfies(e -> assertThat(((MessageFailed) e).reason())
                .isEqualTo("suppressed-unsubscribe"));
    }

    @Test
    void send_whenMarketingInQuietHours_schedulesItBackForTheirEndAndGivesTheClaimBack() {
        leads.put(lead("ada@example.com", Map.of("timeZone", "Europe/Paris"), Map.of("email", new Consent(true, "v1", NOW))));
        Instant lateInParis = Instant.parse("2026-11-23T21:30:00Z"); // 22:30 in Paris

        service(lateInParis).send(nurture());

        assertThat(mailer.calls()).isEmpty();
        Instant eightInParis = Instant.parse("2026-11-24T07:00:00Z");
        assertThat(rememberedTimers).containsExactly(retryLater.scheduled().getFirst().name());
        assertThat(retryLater.scheduled()).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(eightInParis);
            assertThat(Json.read(s.payloadJson(), NotifyMessage.class)).isEqualTo(nurture());
        });
        assertThat(idempotency.entry("notify#" + NURTURE_ID)).isEmpty();
        assertThat(bus.published()).isEmpty();
        assertThat(leads.timeline()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("message.held");
            assertThat(a.attributes()).containsEntry("reason", "quiet-hours").containsEntry("until", eightInParis.toString());
        });
    }

    @Test
    void send_whenHeldMessageComesBackAfterQuietHours_sendsItOnce() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(true, "v1", NOW))));
        service(Instant.parse("2026-11-23T22:00:00Z")).send(nurture());
        service(Instant.parse("2026-11-23T22:00:05Z")).send(nurture()); // duplicate of the first delivery: same timer

        service(Instant.parse("2026-11-24T08:00:00Z")).send(nurture());
        service(Instant.parse("2026-11-24T08:00:01Z")).send(nurture());

        assertThat(retryLater.pending()).hasSize(1);
        assertThat(mailer.calls()).hasSize(1);
    }

    @Test
    void send_whenDailyCapReached_holdsTheNextUntilTheLeadsNextDay() {
        leads.put(lead("ada@example.com", Map.of("timeZone", "America/New_York"), Map.of("email", new Consent(true, "v1", NOW))));
        NotificationService noonInNewYork = service(Instant.parse("2026-11-23T17:00:00Z"));
        noonInNewYork.send(new NotifyMessage("a.1." + LEAD, LEAD, Channel.EMAIL, MessageCategory.MARKETING, "a", "welcome", Map.of()));

        noonInNewYork.send(nurture());

        assertThat(mailer.calls()).hasSize(1);
        // next local day starts at 00:00 New York = 05:00Z, inside quiet hours until 08:00 New York = 13:00Z
        assertThat(retryLater.scheduled()).singleElement()
                .satisfies(s -> assertThat(s.at()).isEqualTo(Instant.parse("2026-11-24T13:00:00Z")));
        assertThat(leads.timeline()).last().satisfies(a -> assertThat(a.attributes()).containsEntry("reason", "daily-cap"));
    }

    @Test
    void send_whenTransactional_skipsQuietHoursAndCaps() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        NotificationService atNight = service(Instant.parse("2026-11-23T23:00:00Z"));

        atNight.send(welcome());
        atNight.send(new NotifyMessage("code.1." + LEAD, LEAD, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "c", "confirm", Map.of()));
        atNight.send(new NotifyMessage("code.2." + LEAD, LEAD, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "c", "confirm", Map.of()));

        assertThat(mailer.calls()).hasSize(3);
        assertThat(retryLater.scheduled()).isEmpty();
    }

    @Test
    void send_whenProviderFailedRetryablyAfterTheCapCounted_countsItOnceOnRetry() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(true, "v1", NOW))));
        mailer.failNextCallWith(new SendFailedException("SES failed (503)", true, null));

        assertThatThrownBy(() -> service.send(nurture())).isInstanceOf(SendFailedException.class);
        service.send(nurture());

        assertThat(mailer.calls()).hasSize(2);
        assertThat(caps.count(LEAD.value(), "email", "D#2026-11-23")).isEqualTo(1);
    }

    @Test
    void send_whenAnEarlierDeliveryDiedAfterTakingTheSendClaim_neverSendsAgain() {
        leads.put(lead("ada@example.com", Map.of(), Map.of()));
        idempotency.hold(SEND_KEY, NOW.plus(Duration.ofDays(29)));

        service.send(welcome());

        assertThat(mailer.calls()).isEmpty();
        assertThat(idempotency.entry(KEY)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(Status.COMPLETED));
    }

    @Test
    void send_whenSchedulingTheHoldFails_givesTheClaimBackAndRethrows() {
        leads.put(lead("ada@example.com", Map.of(), Map.of("email", new Consent(true, "v1", NOW))));
        retryLater.failNextCallWith(new IllegalStateException("scheduler down"));

        assertThatThrownBy(() -> service(Instant.parse("2026-11-23T22:00:00Z")).send(nurture()))
                .hasMessage("scheduler down");
        assertThat(idempotency.entry("notify#" + NURTURE_ID)).isEmpty();
    }

    private static NotifyMessage nurture() {
        return new NotifyMessage(NURTURE_ID, LEAD, Channel.EMAIL, MessageCategory.MARKETING, "welcome", "welcome-2", Map.of());
    }

    private static NotifyMessage welcome() {
        return new NotifyMessage(WELCOME_ID, LEAD, Channel.EMAIL, MessageCategory.TRANSACTIONAL, "welcome", "welcome",
                Map.of("formId", "demo"));
    }

    private static Lead lead(String email, Map<String, String> profile, Map<String, Consent> consents) {
        Instant created = Instant.parse("2026-11-23T10:15:30Z");
        return new Lead(LEAD, HASH, email == null ? null : EmailAddress.parse(email).orElseThrow(), profile,
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
