package dev.lem.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.LeadId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LeadTokensTest {

    private static final LinkSigner SIGNER = new LinkSigner("tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private final LeadTokens tokens = new LeadTokens(SIGNER);

    @Test
    void verify_whenTokenIssuedWithTheSameKey_namesTheLead() {
        assertThat(tokens.verify(tokens.issue(LEAD))).contains(LEAD);
    }

    @Test
    void issue_whenCalled_isTheLeadIdDotItsSignatureOfKindLead() {
        assertThat(tokens.issue(LEAD)).isEqualTo(LEAD.value() + "." + SIGNER.sign(LeadTokens.LEAD, LEAD.value()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b.",
            "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b.AAAAAAAAAAAAAAAAAAAAAA", "not-a-uuid.AAAAAAAAAAAAAAAAAAAAAA"})
    void verify_whenTokenMissingMalformedOrForged_isEmpty(String token) {
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void verify_whenSignatureIsAnOpenPixelsForTheSameLead_isEmpty() {
        assertThat(tokens.verify(LEAD.value() + "." + SIGNER.sign(TrackingLinks.OPEN, LEAD.value()))).isEmpty();
    }

    @Test
    void verify_whenTokenSignedWithAnotherKey_isEmpty() {
        LeadTokens other = new LeadTokens(new LinkSigner("another-key-for-tests-only-32-bytes!!!".getBytes(StandardCharsets.UTF_8)));

        assertThat(tokens.verify(other.issue(LEAD))).isEmpty();
    }
}
