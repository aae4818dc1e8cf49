package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.idempotency.IdempotencyStore.Claim;
import dev.lem.store.DynamoDbIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbIdempotencyStoreIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final Duration IN_PROGRESS_FOR = Duration.ofMinutes(5);
    private static final Duration KEEP_FOR = Duration.ofDays(1);

    private final DynamoDbIdempotencyStore store;

    DynamoDbIdempotencyStoreIT(AwsEngines engines) {
        this.store = new DynamoDbIdempotencyStore(engines.dynamoDb(), engines.createTable());
    }

    @Test
    void claim_whenKeyIsNew_returnsClaimed() {
        assertThat(store.claim("msg-1", NOW, IN_PROGRESS_FOR)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void claim_whenClaimedAndStillInProgress_returnsInProgress() {
        store.claim("msg-2", NOW, IN_PROGRESS_FOR);

        assertThat(store.claim("msg-2", NOW, IN_PROGRESS_FOR)).isEqualTo(Claim.IN_PROGRESS);
        assertThat(store.claim("msg-2", NOW.plus(IN_PROGRESS_FOR).minusSeconds(1), IN_PROGRESS_FOR)).isEqualTo(Claim.IN_PROGRESS);
    }

    @Test
    void claim_whenCompleted_returnsAlreadyCompleted() {
        store.claim("msg-3", NOW, IN_PROGRESS_FOR);
        store.complete("msg-3", NOW.plusSeconds(1), KEEP_FOR);

        assertThat(store.claim("msg-3", NOW.plusSeconds(2), IN_PROGRESS_FOR)).isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void claim_whenCompletedAndTheInProgressWindowHasPassed_stillReturnsAlreadyCompleted() {
        store.claim("msg-4", NOW, IN_PROGRESS_FOR);
        store.complete("msg-4", NOW.plusSeconds(1), KEEP_FOR);

        assertThat(store.claim("msg-4", NOW.plus(IN_PROGRESS_FOR).plusSeconds(60), IN_PROGRESS_FOR))
                .isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void claim_whenReleased_canBeClaimedAgain() {
        store.claim("msg-5", NOW, IN_PROGRESS_FOR);
        store.release("msg-5");

        assertThat(store.claim("msg-5", NOW.plusSeconds(1), IN_PROGRESS_FOR)).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim("msg-5", NOW.plusSeconds(2), IN_PROGRESS_FOR)).isEqualTo(Claim.IN_PROGRESS);
    }

    @Test
    void claim_whenInProgressClaimExpired_canBeClaimedAgain() {
        store.claim("msg-6", NOW, IN_PROGRESS_FOR);
        Instant later = NOW.plus(IN_PROGRESS_FOR).plusSeconds(1);

        assertThat(store.claim("msg-6", later, IN_PROGRESS_FOR)).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim("msg-6", later.plusSeconds(1), IN_PROGRESS_FOR)).as("the new claim holds").isEqualTo(Claim.IN_PROGRESS);
    }

    @Test
    void release_whenAlreadyCompleted_keepsTheCompletion() {
        store.claim("msg-7", NOW, IN_PROGRESS_FOR);
        store.complete("msg-7", NOW.plusSeconds(1), KEEP_FOR);

        store.release("msg-7");

        assertThat(store.claim("msg-7", NOW.plusSeconds(2), IN_PROGRESS_FOR)).isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void release_whenNeverClaimed_isANoOp() {
        store.release("msg-never");

        assertThat(store.claim("msg-never", NOW, IN_PROGRESS_FOR)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void claim_whenDifferentKeys_areIndependent() {
        store.claim("msg-a", NOW, IN_PROGRESS_FOR);
        store.complete("msg-a", NOW, KEEP_FOR);

        assertThat(store.claim("msg-b", NOW, IN_PROGRESS_FOR)).isEqualTo(Claim.CLAIMED);
    }
}
