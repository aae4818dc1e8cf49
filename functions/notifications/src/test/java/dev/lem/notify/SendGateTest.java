package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SendGateTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final EmailAddress ADA = EmailAddress.parse("ada@example.com").orElseThrow();
    private static final Consent GRANTED = new Consent(true, "consent-email-2026-11", AT);
    private static final Consent REFUSED = new Consent(false, "consent-email-2026-11", AT);

    private final SendGate gate = new SendGate();

    @ParameterizedTest
    @EnumSource(MessageCategory.class)
    void blockReason_whenLeadHasNoEmailAddress_isNoAddressWhateverTheCategoryOrConsent(MessageCategory category) {
        assertThat(gate.blockReason(lead(null, Map.of("email", GRANTED)), message(category))).contains("no-address");
    }

    @Test
    void blockReason_whenMarketingAndNoConsentRecorded_isNoConsent() {
        assertThat(gate.blockReason(lead(ADA, Map.of()), message(MessageCategory.MARKETING))).contains("no-consent");
    }

    @Test
    void blockReason_whenMarketingAndConsentRefused_isNoConsent() {
        assertThat(gate.blockReason(lead(ADA, Map.of("email", REFUSED)), message(MessageCategory.MARKETING))).contains("no-consent");
    }

    @Test
    void blockReason_whenMarketingAndConsentOnlyForAnotherChannel_isNoConsent() {
        assertThat(gate.blockReason(lead(ADA, Map.of("sms", GRANTED)), message(MessageCategory.MARKETING))).contains("no-consent");
    }

    @Test
    void blockReason_whenMarketingWithEmailConsent_letsItGo() {
        assertThat(gate.blockReason(lead(ADA, Map.of("email", GRANTED)), message(MessageCategory.MARKETING))).isEmpty();
    }

    @Test
    void blockReason_whenTransactionalWithoutConsent_letsItGo() {
        assertThat(gate.blockReason(lead(ADA, Map.of()), message(MessageCategory.TRANSACTIONAL))).isEmpty();
        assertThat(gate.blockReason(lead(ADA, Map.of("email", REFUSED)), message(MessageCategory.TRANSACTIONAL))).isEmpty();
    }

    private static Lead lead(EmailAddress email, Map<String, Consent> consents) {
        return new Lead(new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b"), "hash", email, Map.of(), LeadState.LEAD, AT, 0,
                consents, AT, AT, 1);
    }

    private static NotifyMessage message(MessageCategory category) {
        return new NotifyMessage("welcome.1.x", new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b"), Channel.EMAIL,
                category, "welcome", "welcome", Map.of());
    }
}
