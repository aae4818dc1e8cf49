package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionReason;
import dev.lem.store.DynamoDbSuppressionList;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbSuppressionListIT {

    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    private final DynamoDbSuppressionList list;

    DynamoDbSuppressionListIT(AwsEngines engines) {
        this.list = new DynamoDbSuppressionList(engines.dynamoDb(), engines.createTable());
    }

    @Test
    void suppress_whenAddressAlreadySuppressed_keepsTheFirstReason() {
        list.suppress(new Suppression("1".repeat(64), SuppressionReason.HARD_BOUNCE, AT));
        list.suppress(new Suppression("1".repeat(64), SuppressionReason.UNSUBSCRIBE, AT.plusSeconds(60)));

        assertThat(list.find("1".repeat(64))).contains(new Suppression("1".repeat(64), SuppressionReason.HARD_BOUNCE, AT));
        assertThat(list.find("2".repeat(64))).isEmpty();
    }

    @Test
    void lift_whenReasonMatches_removesItElseKeepsIt() {
        list.suppress(new Suppression("3".repeat(64), SuppressionReason.UNSUBSCRIBE, AT));
        list.suppress(new Suppression("4".repeat(64), SuppressionReason.COMPLAINT, AT));

        assertThat(list.lift("3".repeat(64), SuppressionReason.UNSUBSCRIBE)).isTrue();
        assertThat(list.lift("4".repeat(64), SuppressionReason.UNSUBSCRIBE)).isFalse();
        assertThat(list.lift("5".repeat(64), SuppressionReason.UNSUBSCRIBE)).isTrue();
        assertThat(list.find("3".repeat(64))).isEmpty();
        assertThat(list.find("4".repeat(64))).isPresent();
    }
}
