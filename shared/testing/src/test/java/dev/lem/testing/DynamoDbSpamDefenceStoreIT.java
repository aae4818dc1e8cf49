package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.forms.FormDefinition;
import dev.lem.json.Json;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.store.Keys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbSpamDefenceStoreIT {

    private static final Instant MINUTE = Instant.parse("2026-11-23T10:15:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-23T12:15:00Z");

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbSpamDefenceStore store;

    DynamoDbSpamDefenceStoreIT(AwsEngines engines) {
        this.dynamo = engines.dynamoDb();
        this.table = engines.createTable();
        this.store = new DynamoDbSpamDefenceStore(dynamo, table);
    }

    @Test
    void claimToken_whenNonceUsedTwice_acceptsTheFirstAndRefusesTheReplay() {
        assertThat(store.claimToken("nonce-aaaaaaaaaaaaaaaaaa", EXPIRES)).isTrue();

        assertThat(store.claimToken("nonce-aaaaaaaaaaaaaaaaaa", EXPIRES)).isFalse();
        assertThat(store.claimToken("nonce-bbbbbbbbbbbbbbbbbb", EXPIRES)).isTrue();
    }

    @Test
    void releaseToken_whenReleased_letsTheNonceBeClaimedAgain() {
        store.claimToken("nonce-released", EXPIRES);

        store.releaseToken("nonce-released");

        assertThat(store.claimToken("nonce-released", EXPIRES)).isTrue();
    }

    @Test
    void claimToken_whenClaimed_storesTheNonceWithTheTokensExpiryAsTtl() {
        store.claimToken("nonce-ttl", EXPIRES);

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(Keys.formToken("nonce-ttl")), "sk", AttributeValue.fromS(Keys.TOKEN_SK)))).item();
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(EXPIRES.getEpochSecond()));
    }

    @Test
    void claimToken_whenRacedByEightCallers_letsExactlyOneWin() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> claims = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> store.claimToken("nonce-race", EXPIRES))).toList();
            long won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
    }

    @Test
    void countSubmission_whenCalledRepeatedly_countsPerFormIpAndMinute() {
        assertThat(store.countSubmission("demo", "iphash", MINUTE, MINUTE.plusSeconds(120))).isEqualTo(1);
        assertThat(store.countSubmission("demo", "iphash", MINUTE, MINUTE.plusSeconds(120))).isEqualTo(2);

        assertThat(store.countSubmission("demo", "other", MINUTE, MINUTE.plusSeconds(120))).isEqualTo(1);
        assertThat(store.countSubmission("other", "iphash", MINUTE, MINUTE.plusSeconds(120))).isEqualTo(1);
        assertThat(store.countSubmission("demo", "iphash", MINUTE.plusSeconds(60), MINUTE.plusSeconds(180))).isEqualTo(1);
    }

    @Test
    void countSubmission_whenCounted_setsTheTtlOnce() {
        store.countSubmission("demo", "iphash-ttl", MINUTE, MINUTE.plusSeconds(120));
        store.countSubmission("demo", "iphash-ttl", MINUTE, MINUTE.plusSeconds(999));

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(Keys.rate("demo", "iphash-ttl", MINUTE.getEpochSecond() / 60)),
                "sk", AttributeValue.fromS(Keys.RATE_SK)))).item();
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(MINUTE.plusSeconds(120).getEpochSecond()));
        assertThat(item.get("count").n()).isEqualTo("2");
    }

    @Test
    void formDefinition_whenStoredBeforeSpamDefenceExisted_readsAsNotRequiringTokensWithDefaults() {
        FormDefinition legacy = Json.read("""
                {"id":"old","name":"Old","fields":[{"name":"email","label":"Email","type":"email","required":true,
                "maxLength":0,"consentChannel":null}],"consentTextVersion":"v1","thankYouUrl":null,
                "allowedOrigins":[],"doubleOptIn":false,"version":1}""", FormDefinition.class);

        assertThat(legacy.requireToken()).isFalse();
        assertThat(legacy.maxSubmissionsPerMinutePerIp()).isEqualTo(10);
        assertThat(legacy.minFillSeconds()).isEqualTo(3);
    }
}
