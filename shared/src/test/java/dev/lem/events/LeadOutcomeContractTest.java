package dev.lem.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeadOutcomeContractTest {

    private static final EventContract CONTRACT = EventContract.load();
    private static final EventCodec CODEC = EventCodec.create();
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";

    @Test
    void validate_whenDisqualifiedWithReasonAndSource_expectValidAndDecodedBack() {
        LeadOutcome event = new LeadOutcome("outcome-0123456789abcdef0123456789abcdef", Instant.parse("2026-11-30T16:00:00Z"),
                LEAD, "disqualified", null, null, "no budget this year", "call-centre");
        var detail = CODEC.detail(event);
        assertThat(CONTRACT.validate(DetailType.LEAD_OUTCOME, detail)).isEmpty();
        assertThat(CODEC.decode(DetailType.LEAD_OUTCOME, detail)).isEqualTo(event);
    }

    @Test
    void validate_whenFirstVersionFieldsOnly_expectValidWithoutReasonOrSource() {
        var detail = CODEC.detail(new LeadOutcome("deal-1", Instant.parse("2026-11-30T16:00:00Z"), LEAD, "won",
                new BigDecimal("12000"), "EUR"));
        assertThat(CONTRACT.validate(DetailType.LEAD_OUTCOME, detail)).isEmpty();
        assertThat(detail.has("reason")).isFalse();
    }

    @Test
    void validate_whenReasonEmptyOrSourceMalformed_reportsTheField() {
        var detail = (com.fasterxml.jackson.databind.node.ObjectNode) CODEC.detail(new LeadOutcome("deal-1",
                Instant.parse("2026-11-30T16:00:00Z"), LEAD, "lost", null, null, "", "CRM!"));
        assertThat(CONTRACT.validate(DetailType.LEAD_OUTCOME, detail))
                .anySatisfy(e -> assertThat(e).contains("reason"))
                .anySatisfy(e -> assertThat(e).contains("source"));
    }
}
