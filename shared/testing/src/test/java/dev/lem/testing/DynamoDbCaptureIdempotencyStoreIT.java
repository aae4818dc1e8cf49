package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.forms.CaptureIdempotencyStore.Claim;
import dev.lem.forms.CaptureIdempotencyStore.Recorded;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbCaptureIdempotencyStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    private final DynamoDbCaptureIdempotencyStore store;

    DynamoDbCaptureIdempotencyStoreIT(AwsEngines engines) {
        this.store = new DynamoDbCaptureIdempotencyStore(engines.dynamoDb(), engines.createTable());
    }

    @Test
    void claim_whenFree_claimsThenReportsInProgressToOthers() {
        assertThat(store.claim("demo#k:a", T0, T0.plusSeconds(30))).isInstanceOf(Claim.Claimed.class);

        assertThat(store.claim("demo#k:a", T0.plusSeconds(1), T0.plusSeconds(31))).isInstanceOf(Claim.InProgress.class);
    }

    @Test
    void claim_whenCompleted_answersTheRecordedOutcomeUntilItsWindowEnds() {
        store.claim("demo#k:b", T0, T0.plusSeconds(30));
        Recorded outcome = new Recorded("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", true);
        store.complete("demo#k:b", outcome, T0.plusSeconds(300));

        assertThat(store.claim("demo#k:b", T0.plusSeconds(299), T0.plusSeconds(329))).isEqualTo(new Claim.Completed(outcome));
        assertThat(store.claim("demo#k:b", T0.plusSeconds(301), T0.plusSeconds(331))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void claim_whenHolderDied_isTakenOverAfterTheClaimExpires() {
        store.claim("demo#k:c", T0, T0.plusSeconds(30));

        assertThat(store.claim("demo#k:c", T0.plusSeconds(31), T0.plusSeconds(61))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void release_whenInProgress_freesTheKeyButNeverDropsACompletedRecord() {
        store.claim("demo#k:d", T0, T0.plusSeconds(30));
        store.release("demo#k:d");
        assertThat(store.claim("demo#k:d", T0, T0.plusSeconds(30))).isInstanceOf(Claim.Claimed.class);

        store.complete("demo#k:d", new Recorded("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", false), T0.plusSeconds(300));
        store.release("demo#k:d");

        assertThat(store.claim("demo#k:d", T0.plusSeconds(1), T0.plusSeconds(31))).isInstanceOf(Claim.Completed.class);
    }
}
