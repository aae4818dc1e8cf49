package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionReason;
import dev.lem.testing.fakes.InMemoryFrequencyCaps;
import dev.lem.testing.fakes.InMemorySuppressionList;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate's decisions as a table: one row per situation, the expected decision and reason. */
class SendGateTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final String EMAIL_HASH = "e".repeat(64);
    private static final IdentityHasher HASHER = new IdentityHasher("identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final GatePolicy POLICY = new GatePolicy(2, 3, QuietHours.parse("21:00-08:00"), ZoneId.of("UTC"));

    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final InMemoryFrequencyCaps caps = new InMemoryFrequencyCaps();
    private final SendGate gate = new SendGate(new Recipients(HASHER), suppressions, caps, POLICY);

    /**
     * Columns: channel, category, has address, consent (granted / refused / none), suppression reason (or none),
     * messages already sent today, this week, the time (UTC), the lead's zone (or none) → decision, reason, until.
     */
    @ParameterizedTest(name = "{0} {1} address={2} consent={3} suppressed={4} day={5} week={6} at={7} zone={8} → {9} {10}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            email   | marketing     | false | granted | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | no-address             | -
            sms     | transactional | false | granted | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | no-address             | -
            email   | transactional | true  | none    | hard-bounce | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | suppressed-hard-bounce | -
            email   | marketing     | true  | granted | complaint   | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | suppressed-complaint   | -
            email   | transactional | true  | none    | unsubscribe | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | suppressed-unsubscribe | -
            sms     | marketing     | true  | granted | erasure     | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | suppressed-erasure     | -
            email   | marketing     | true  | none    | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | no-consent             | -
            email   | marketing     | true  | refused | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | no-consent             | -
            sms     | marketing     | true  | email   | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | block | no-consent             | -
            email   | transactional | true  | refused | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | send  | allowed                | -
            email   | transactional | true  | none    | none        | 5 | 9 | 2026-11-23T23:30:00Z | -                | send  | allowed                | -
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T12:00:00Z | -                | send  | allowed                | -
            sms     | marketing     | true  | granted | none        | 1 | 1 | 2026-11-23T12:00:00Z | -                | send  | allowed                | -
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T22:00:00Z | -                | hold  | quiet-hours            | 2026-11-24T08:00:00Z
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T06:59:59Z | -                | hold  | quiet-hours            | 2026-11-23T08:00:00Z
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T08:00:00Z | -                | send  | allowed                | -
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T20:59:59Z | -                | send  | allowed                | -
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T12:00:00Z | Asia/Tokyo       | hold  | quiet-hours            | 2026-11-23T23:00:00Z
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T23:30:00Z | America/Chicago  | send  | allowed                | -
            email   | marketing     | true  | granted | none        | 0 | 0 | 2026-11-23T12:00:00Z | Not/AZone        | send  | allowed                | -
            email   | marketing     | true  | granted | none        | 2 | 2 | 2026-11-23T12:00:00Z | -                | hold  | daily-cap              | 2026-11-24T08:00:00Z
            email   | marketing     | true  | granted | none        | 0 | 3 | 2026-11-25T12:00:00Z | -                | hold  | weekly-cap             | 2026-11-30T08:00:00Z
            email   | marketing     | true  | granted | none        | 2 | 2 | 2026-11-23T12:00:00Z | Pacific/Auckland | hold  | quiet-hours            | 2026-11-23T19:00:00Z
            webhook | marketing     | false | none    | none        | 9 | 9 | 2026-11-23T23:30:00Z | -                | send  | allowed                | -
            """)
    void decide_table(String channel, String category, boolean hasAddress, String consent, String suppressed, int today,
                      int thisWeek, String at, String zone, String decision, String reason, String until) {
        Map<String, String> profile = new HashMap<>();
        if (hasAddress) {
            profile.put(Recipients.PHONE_FIELD, "+353 86 123 4567");
        }
        if (zone != null) {
            profile.put(GatePolicy.TIME_ZONE_FIELD, zone);
        }
        Map<String, Consent> consents = switch (consent) {
            case "granted" -> Map.of(channel, new Consent(true, "v1", MONDAY_NOON));
            case "refused" -> Map.of(channel, new Consent(false, "v1", MONDAY_NOON));
            case "email" -> Map.of("email", new Consent(true, "v1", MONDAY_NOON));
            default -> Map.of();
        };
        Lead lead = lead(hasAddress, profile, consents);
        if (!suppressed.equals("none")) {
            String hash = channel.equals("sms") ? HASHER.hashPhone("+353861234567") : EMAIL_HASH;
            suppressions.suppress(new Suppression(hash, SuppressionReason.fromWireName(suppressed), MONDAY_NOON));
        }
        Instant now = Instant.parse(at);
        Channel ch = Channel.fromWireName(channel);
        for (int i = 0; i < thisWeek; i++) {
            // earlier sends this week: `today` of them on the same day as now, the rest on an earlier day of the week
            boolean sameDay = i < today;
            // (the rest on Monday and Tuesday, two a day, at noon)
            gate.decide(lead, message("earlier." + i, ch, MessageCategory.MARKETING),
                    sameDay ? now.atZone(gate.zoneOf(lead)).withHour(12).toInstant()
                            : MONDAY_NOON.plus(java.time.Duration.ofDays((i - today) / 2)));
        }

        GateDecision actual = gate.decide(lead, message("this.one", ch, MessageCategory.fromWireName(category)), now);

        assertThat(actual.reason()).isEqualTo(reason);
        switch (decision) {
            case "send" -> assertThat(actual).isInstanceOf(GateDecision.Send.class);
            case "block" -> assertThat(actual).isInstanceOf(GateDecision.Block.class);
            case "hold" -> assertThat(actual).isInstanceOfSatisfying(GateDecision.Hold.class,
                    h -> assertThat(h.until()).isEqualTo(Instant.parse(until)));
            default -> throw new IllegalArgumentException(decision);
        }
    }

    /**
     * Topics: columns channel, category, the message's {@code data.topic} (or none), the lead's choice for topic
     * {@code newsletter} (in / out / none), the channel consent → decision, reason.
     */
    @ParameterizedTest(name = "{0} {1} topic={2} newsletter={3} consent={4} → {5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            email | marketing     | newsletter      | out  | true  | block | topic-opted-out
            sms   | marketing     | newsletter      | out  | true  | block | topic-opted-out
            email | marketing     | newsletter      | in   | true  | send  | allowed
            email | marketing     | newsletter      | none | true  | send  | allowed
            email | marketing     | events          | out  | true  | send  | allowed
            email | marketing     | -               | out  | true  | send  | allowed
            email | marketing     | no-such-topic   | none | true  | block | unknown-topic
            email | marketing     | newsletter      | in   | false | block | no-consent
            email | transactional | newsletter      | out  | true  | send  | allowed
            email | transactional | no-such-topic   | none | false | send  | allowed
            """)
    void decide_topicTable(String channel, String category, String topic, String newsletter, boolean channelConsent,
                           String decision, String reason) {
        Map<String, Consent> consents = new HashMap<>();
        consents.put(channel, new Consent(channelConsent, "v1", MONDAY_NOON));
        if (!newsletter.equals("none")) {
            consents.put("topic:newsletter", new Consent(newsletter.equals("in"), "preference-page", MONDAY_NOON));
        }
        Lead lead = lead(true, Map.of(Recipients.PHONE_FIELD, "+353861234567"), consents);
        NotifyMessage message = new NotifyMessage("t.1", LEAD, Channel.fromWireName(channel),
                MessageCategory.fromWireName(category), "welcome", "welcome",
                topic == null ? Map.of() : Map.of("topic", topic));

        GateDecision actual = gate.decide(lead, message, MONDAY_NOON);

        assertThat(actual.reason()).isEqualTo(reason);
        assertThat(actual).isInstanceOf(decision.equals("send") ? GateDecision.Send.class : GateDecision.Block.class);
    }

    @Test
    void standardTopics_whenLoaded_areTheListedDataInOrder() {
        assertThat(dev.lem.messaging.TopicCatalog.standard().all()).extracting(dev.lem.messaging.Topic::id)
                .containsExactly("newsletter", "product-updates", "events");
    }

    @Test
    void decide_whenSameMessageIsDecidedAgainAfterItCounted_letsItGoWithoutCountingTwice() {
        Lead lead = lead(true, Map.of(), Map.of("email", new Consent(true, "v1", MONDAY_NOON)));
        NotifyMessage message = message("m.1", Channel.EMAIL, MessageCategory.MARKETING);

        gate.decide(lead, message, MONDAY_NOON);
        gate.decide(lead, message("m.2", Channel.EMAIL, MessageCategory.MARKETING), MONDAY_NOON);

        assertThat(gate.decide(lead, message, MONDAY_NOON)).isInstanceOf(GateDecision.Send.class);
        assertThat(caps.count(LEAD.value(), "email", "D#2026-11-23")).isEqualTo(2);
        assertThat(caps.count(LEAD.value(), "email", "W#2026-W48")).isEqualTo(2);
    }

    @Test
    void decide_whenCapsAreCountedPerChannel_smsDoesNotUseTheEmailAllowance() {
        Lead lead = lead(true, Map.of(Recipients.PHONE_FIELD, "+353861234567"),
                Map.of("email", new Consent(true, "v1", MONDAY_NOON), "sms", new Consent(true, "v1", MONDAY_NOON)));
        gate.decide(lead, message("e.1", Channel.EMAIL, MessageCategory.MARKETING), MONDAY_NOON);
        gate.decide(lead, message("e.2", Channel.EMAIL, MessageCategory.MARKETING), MONDAY_NOON);

        assertThat(gate.decide(lead, message("s.1", Channel.SMS, MessageCategory.MARKETING), MONDAY_NOON))
                .isInstanceOf(GateDecision.Send.class);
        assertThat(gate.decide(lead, message("e.3", Channel.EMAIL, MessageCategory.MARKETING), MONDAY_NOON).reason())
                .isEqualTo("daily-cap");
    }

    @Test
    void decide_whenSent_namesTheRecipientWithItsHash() {
        Lead lead = lead(true, Map.of(Recipients.PHONE_FIELD, "+353 (86) 123-4567"), Map.of());

        assertThat(gate.decide(lead, message("s", Channel.SMS, MessageCategory.TRANSACTIONAL), MONDAY_NOON))
                .isEqualTo(new GateDecision.Send(java.util.Optional.of(new Recipient(Channel.SMS, "+353861234567",
                        HASHER.hashPhone("+353861234567")))));
        assertThat(gate.decide(lead, message("e", Channel.EMAIL, MessageCategory.TRANSACTIONAL), MONDAY_NOON))
                .isEqualTo(new GateDecision.Send(java.util.Optional.of(new Recipient(Channel.EMAIL, "ada@example.com",
                        EMAIL_HASH))));
    }

    private static Lead lead(boolean hasAddress, Map<String, String> profile, Map<String, Consent> consents) {
        Map<String, String> withoutPhone = new HashMap<>(profile);
        if (!hasAddress) {
            withoutPhone.remove(Recipients.PHONE_FIELD);
        }
        return new Lead(LEAD, hasAddress ? EMAIL_HASH : null,
                hasAddress ? EmailAddress.parse("ada@example.com").orElseThrow() : null, withoutPhone, LeadState.LEAD,
                MONDAY_NOON, 0, consents, MONDAY_NOON, MONDAY_NOON, 1);
    }

    private static NotifyMessage message(String id, Channel channel, MessageCategory category) {
        return new NotifyMessage(id, LEAD, channel, category, "welcome", "welcome", Map.of());
    }
}
