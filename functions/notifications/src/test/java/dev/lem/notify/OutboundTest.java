package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SMS and webhooks behind the gate: what each provider is handed. */
class OutboundTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final byte[] KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final URI BASE = URI.create("https://t.lem.example");
    private static final Lead ADA = new Lead(LEAD, "a".repeat(64), EmailAddress.parse("ada@example.com").orElseThrow(),
            Map.of("name", "Ada", "company", "Analytical", "phone", "+353861234567"), LeadState.SQL, NOW, 120, Map.of(),
            NOW, NOW, 3);

    private final List<OutgoingSms> texts = new ArrayList<>();
    private final List<OutgoingWebhook> hooks = new ArrayList<>();
    private final UnsubscribeLinks unsubscribe = new UnsubscribeLinks(new LinkSigner(KEY), BASE);
    private final Outbound outbound = new Outbound(
            new EmailComposer(new TrackingLinks(new LinkSigner(KEY), BASE), unsubscribe, Optional.empty()),
            email -> "ses-1",
            Optional.of(new Outbound.Sms(new SmsComposer(unsubscribe), sms -> {
                texts.add(sms);
                return "sns-" + texts.size();
            })),
            Optional.of(new Outbound.Webhooks(new WebhookComposer(new WebhookTargets(
                    Map.of("crm", URI.create("https://crm.example.com/hooks/lem")),
                    host -> List.of(InetAddress.getByName("93.184.216.34")))), hook -> {
                hooks.add(hook);
                return "http-200";
            })),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static GateDecision.Send toPhone() {
        return new GateDecision.Send(Optional.of(new Recipient(Channel.SMS, "+353861234567", "b".repeat(64))));
    }

    @Test
    void sms_whenTransactional_sendsThePersonalisedTextAsTransactional() {
        outbound.send(ADA, new NotifyMessage("code.1", LEAD, Channel.SMS, MessageCategory.TRANSACTIONAL, "c", "code",
                Map.of("text", "Hi {{name}}, your code is 42")), toPhone());

        assertThat(texts).singleElement().satisfies(sms -> {
            assertThat(sms.to().value()).isEqualTo("+353861234567");
            assertThat(sms.text()).isEqualTo("Hi Ada, your code is 42");
            assertThat(sms.promotional()).isFalse();
        });
    }

    @Test
    void sms_whenMarketing_goesPromotionalWithTheSignedSmsOptOutLink() {
        outbound.send(ADA, new NotifyMessage("sale.1", LEAD, Channel.SMS, MessageCategory.MARKETING, "s", "sale",
                Map.of("text", "Sale today")), toPhone());

        OutgoingSms sms = texts.getFirst();
        assertThat(sms.promotional()).isTrue();
        String link = sms.text().substring(sms.text().indexOf("Opt out: ") + "Opt out: ".length());
        assertThat(sms.text()).startsWith("Sale today\nOpt out: https://t.lem.example/u/");
        assertThat(unsubscribe.verify(link.substring(link.lastIndexOf('/') + 1)))
                .contains(new UnsubscribeLinks.Token(LEAD, Channel.SMS));
    }

    @Test
    void sms_whenTextMissingOrTooLong_isRefusedNotRetried() {
        assertThatThrownBy(() -> outbound.send(ADA, new NotifyMessage("x", LEAD, Channel.SMS, MessageCategory.TRANSACTIONAL,
                "c", "code", Map.of()), toPhone()))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("sms-text-missing");
        assertThatThrownBy(() -> outbound.send(ADA, new NotifyMessage("y", LEAD, Channel.SMS, MessageCategory.TRANSACTIONAL,
                "c", "code", Map.of("text", "x".repeat(1601))), toPhone()))
                .hasMessage("sms-text-too-long");
        assertThat(texts).isEmpty();
    }

    @Test
    void webhook_whenNamed_postsTheLeadHandOffToTheConfiguredTarget() {
        outbound.send(ADA, new NotifyMessage("crm.1", LEAD, Channel.WEBHOOK, MessageCategory.TRANSACTIONAL, "sales", "crm",
                Map.of("reason", "mql")), new GateDecision.Send(Optional.empty()));

        OutgoingWebhook hook = hooks.getFirst();
        assertThat(hook.target()).isEqualTo(URI.create("https://crm.example.com/hooks/lem"));
        JsonNode body = Json.tree(hook.body());
        assertThat(body.get("id").asText()).isEqualTo("crm.1");
        assertThat(body.get("webhook").asText()).isEqualTo("crm");
        assertThat(body.get("campaignId").asText()).isEqualTo("sales");
        assertThat(body.at("/lead/email").asText()).isEqualTo("ada@example.com");
        assertThat(body.at("/lead/state").asText()).isEqualTo("sql");
        assertThat(body.at("/lead/score").asInt()).isEqualTo(120);
        assertThat(body.at("/lead/profile/company").asText()).isEqualTo("Analytical");
        assertThat(body.at("/data/reason").asText()).isEqualTo("mql");
    }

    @Test
    void webhook_whenNameNotConfigured_isRefusedAsUnknown() {
        assertThatThrownBy(() -> outbound.send(ADA, new NotifyMessage("x", LEAD, Channel.WEBHOOK,
                MessageCategory.TRANSACTIONAL, "s", "erp", Map.of()), new GateDecision.Send(Optional.empty())))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("webhook-unknown");
    }

    @Test
    void channels_whenNotConfigured_refuseTheirMessages() {
        Outbound emailOnly = new Outbound(new EmailComposer(new TrackingLinks(new LinkSigner(KEY), BASE), unsubscribe,
                Optional.empty()), email -> "ses-1");

        assertThatThrownBy(() -> emailOnly.send(ADA, new NotifyMessage("x", LEAD, Channel.SMS, MessageCategory.TRANSACTIONAL,
                "c", "code", Map.of("text", "hi")), toPhone())).hasMessage("channel-not-configured");
    }
}
