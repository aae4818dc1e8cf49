package dev.lem.schedule.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventBridgeStepSchedulerTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-23T10:15:30Z,           at(2026-11-23T10:15:30)",
            "2026-11-23T10:15:30.000000001Z, at(2026-11-23T10:15:31)",
            "2026-11-23T10:15:30.5Z,         at(2026-11-23T10:15:31)",
            "2026-11-23T10:15:30.999999999Z, at(2026-11-23T10:15:31)",
            "2026-11-23T10:15:59.1Z,         at(2026-11-23T10:16:00)",
            "2026-12-31T23:59:59.001Z,       at(2027-01-01T00:00:00)",
            "2028-02-28T23:59:59.7Z,         at(2028-02-29T00:00:00)",
            "2026-01-05T03:04:05Z,           at(2026-01-05T03:04:05)"})
    void atExpression_whenInstantGiven_roundsUpToTheNextWholeSecondInUtc(String instant, String expected) {
        assertThat(EventBridgeStepScheduler.atExpression(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void atExpression_whenDefaultTimeZoneIsNotUtc_stillFormatsInUtc() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            assertThat(EventBridgeStepScheduler.atExpression(Instant.parse("2026-11-23T10:15:30Z")))
                    .isEqualTo("at(2026-11-23T10:15:30)");
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void atExpression_whenNeverEarlierThanTheInstant_fires() {
        Instant at = Instant.parse("2026-11-23T10:15:30.25Z");
        String expression = EventBridgeStepScheduler.atExpression(at);
        Instant scheduled = Instant.parse(expression.substring(3, expression.length() - 1) + "Z");

        assertThat(scheduled).isAfterOrEqualTo(at).isBefore(at.plusSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "colon:name", "ümlaut", "a#b"})
    void scheduleOnce_whenNameInvalid_throwsBeforeCallingTheScheduler(String name) {
        EventBridgeStepScheduler scheduler = new EventBridgeStepScheduler(null, "lem", "arn:target", "arn:role");

        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.scheduleOnce(name, Instant.EPOCH, "{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.cancel(name));
    }

    @Test
    void scheduleOnce_whenNameLongerThan64_throws() {
        EventBridgeStepScheduler scheduler = new EventBridgeStepScheduler(null, "lem", "arn:target", "arn:role");

        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.scheduleOnce("a".repeat(65), Instant.EPOCH, "{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.cancel(null));
    }
}
