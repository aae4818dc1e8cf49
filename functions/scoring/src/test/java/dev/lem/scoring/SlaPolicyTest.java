package dev.lem.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import dev.lem.lead.LeadState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaPolicyTest {

    @Test
    void parse_whenBlank_gives48HoursForMqlAndSql() {
        assertThat(SlaPolicy.parse(" ").limit(LeadState.MQL)).contains(Duration.ofHours(48));
        assertThat(SlaPolicy.parse("").limit(LeadState.SQL)).contains(Duration.ofHours(48));
        assertThat(SlaPolicy.DEFAULT.limit(LeadState.LEAD)).isEmpty();
    }

    @Test
    void parse_whenStatesAreListed_overridesOnlyThose() {
        SlaPolicy policy = SlaPolicy.parse("mql=PT4H, sql=P3D");

        assertThat(policy.limit(LeadState.MQL)).contains(Duration.ofHours(4));
        assertThat(policy.limit(LeadState.SQL)).contains(Duration.ofDays(3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mql                | SLA entry 'mql' is not state=duration
            lead=PT1H          | SLA entry 'lead=PT1H': only mql and sql have an SLA
            nope=PT1H          | SLA entry 'nope=PT1H': unknown state
            mql=48h            | SLA entry 'mql=48h': not an ISO-8601 duration such as PT48H
            mql=-PT1H          | SLA entry 'mql=-PT1H': the duration must be positive
            """)
    void parse_whenAnEntryIsWrong_namesIt(String spec, String message) {
        assertThatThrownBy(() -> SlaPolicy.parse(spec)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
