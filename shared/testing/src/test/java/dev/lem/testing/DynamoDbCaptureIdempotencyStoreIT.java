package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.forms.CaptureIdempotencyStore.Claim;
import dev.lem.forms.CaptureIdempotencyStore.Interrupted;
import dev.lem.forms.CaptureIdempotencyStore.Recorded;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import java.time.Instant;
import java.util.Optional;
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

    @Test
    void interrupt_whenInProgress_handsTheCaptureToTheNextClaimOnceAndUntilItsWindowEnds() {
        store.claim("demo#p:e", T0, T0.plusSeconds(30));
        Interrupted capture = new Interrupted("req-1", "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", true);

        store.interrupt("demo#p:e", capture, T0.plusSeconds(300));

        assertThat(store.claim("demo#p:e", T0.plusSeconds(1), T0.plusSeconds(31)))
                .isEqualTo(new Claim.Claimed(Optional.of(capture)));
        // taken over: held again like any claim, the resume handed out once
        assertThat(store.claim("demo#p:e", T0.plusSeconds(2), T0.plusSeconds(32))).isInstanceOf(Claim.InProgress.class);
        store.release("demo#p:e");
        assertThat(store.claim("demo#p:e", T0.plusSeconds(3), T0.plusSeconds(33))).isEqualTo(new Claim.Claimed());
    }

    @Test
    void interrupt_whenTheWindowHasEnded_claimsWithoutResuming() {
        store.claim("demo#p:f", T0, T0.plusSeconds(30));
        store.interrupt("demo#p:f", new Interrupted("req-1", "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", true), T0.plusSeconds(300));

        assertThat(store.claim("demo#p:f", T0.plusSeconds(301), T0.plusSeconds(331))).isEqualTo(new Claim.Claimed());
    }

    @Test
    void interrupt_whenCompletedMeanwhile_keepsTheCompletedRecord() {
        store.claim("demo#p:g", T0, T0.plusSeconds(30));
        Recorded outcome = new Recorded("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b", true);
        store.complete("demo#p:g", outcome, T0.plusSeconds(300));

        store.interrupt("demo#p:g", new Interrupted("req-1", outcome.leadId(), true), T0.plusSeconds(300));

        assertThat(store.claim("demo#p:g", T0.plusSeconds(1), T0.plusSeconds(31))).isEqualTo(new Claim.Completed(outcome));
    }
}
