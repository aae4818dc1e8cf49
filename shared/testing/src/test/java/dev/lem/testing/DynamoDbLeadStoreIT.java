package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.lead.Activity;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadState;
import dev.lem.lead.ScoreChange;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.Keys;
import dev.lem.store.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbLeadStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
    private static final IdentityHasher HASHER = new IdentityHasher(new byte[32]);

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbLeadStore store;

    DynamoDbLeadStoreIT(AwsEngines engines) {
        this.dynamo = engines.dynamoDb();
        this.table = engines.createTable();
        this.store = new DynamoDbLeadStore(dynamo, table);
    }

    private static Lead lead(String email, int score) {
        EmailAddress address = EmailAddress.parse(email).orElseThrow();
        return new Lead(LeadId.random(), HASHER.hash(address), address,
                Map.of("name", "J\u00f6rg M\u00fcller", "company", "B\u00fccher GmbH", "phone", "+49 30 1234567"),
                LeadState.SUBSCRIBER, T0, 10,
                Map.of("email", new Consent(true, "consent-email-2026-11", T0),
                        "sms", new Consent(false, "consent-sms-2026-01", T0.minusSeconds(86_400))),
                T0, T0.plusMillis(1), 0);
    }

    private static Activity activity(Lead lead, String id, Instant at) {
        return new Activity(id, lead.id(), "email.open", at, Map.of("campaign", "welcome"));
    }

    private List<Map<String, AttributeValue>> timeline(LeadId id) {
        return dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.lead(id)),
                        ":act", AttributeValue.fromS("ACT#")))
                .build()).items();
    }

    @Test
    void find_whenLeadCreated_returnsEveryFieldWithVersionOne() {
        Lead lead = lead("J\u00f6rg@B\u00fccher.example", 10);

        store.create(lead);

        Lead found = store.find(lead.id()).orElseThrow();
        assertThat(found).isEqualTo(lead.withVersion(1));
        assertThat(found.email().value()).isEqualTo("j\u00f6rg@xn--bcher-kva.example");
        assertThat(found.profile()).containsEntry("company", "B\u00fccher GmbH").hasSize(3);
        assertThat(found.consents()).hasSize(2);
        assertThat(found.hasConsent("email")).isTrue();
        assertThat(found.hasConsent("sms")).isFalse();
        assertThat(found.consent("sms")).contains(new Consent(false, "consent-sms-2026-01", T0.minusSeconds(86_400)));
    }

    @Test
    void findByEmailHash_whenLeadCreated_returnsTheSameLead() {
        Lead lead = lead("hash.lookup@example.com", 10);
        store.create(lead);

        assertThat(store.findByEmailHash(lead.emailHash())).contains(lead.withVersion(1));
        assertThat(store.findByEmailHash(HASHER.hash(EmailAddress.parse(" HASH.Lookup@EXAMPLE.com").orElseThrow())))
                .contains(lead.withVersion(1));
    }

    @Test
    void find_whenUnknown_isEmpty() {
        assertThat(store.find(LeadId.random())).isEmpty();
        assertThat(store.findByEmailHash("0".repeat(64))).isEmpty();
    }

    @Test
    void create_whenLeadHasNoProfileOrConsents_roundTripsEmptyMaps() {
        Lead bare = new Lead(LeadId.random(), HASHER.hash(EmailAddress.parse("bare@example.com").orElseThrow()),
                EmailAddress.parse("bare@example.com").orElseThrow(), Map.of(), LeadState.LEAD, T0, 0, Map.of(), T0, T0, 0);

        store.create(bare);

        assertThat(store.find(bare.id())).contains(bare.withVersion(1));
    }

    @Test
    void create_whenEmailHashAlreadyTaken_throwsConflictAndLeavesTheFirstLeadUnchanged() {
        Lead first = lead("taken@example.com", 10);
        store.create(first);
        Lead second = new Lead(LeadId.random(), first.emailHash(), first.email(), Map.of("name", "Impostor"),
                LeadState.LEAD, T0.plusSeconds(5), 99, Map.of(), T0.plusSeconds(5), T0.plusSeconds(5), 0);

        assertThatThrownBy(() -> store.create(second)).isInstanceOf(LeadConflictException.class);

        assertThat(store.find(first.id())).contains(first.withVersion(1));
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.findByEmailHash(first.emailHash())).contains(first.withVersion(1));
    }

    @Test
    void create_whenSameLeadIdCreatedTwice_throwsConflict() {
        Lead lead = lead("twice@example.com", 10);
        store.create(lead);
        Lead sameIdOtherEmail = new Lead(lead.id(), HASHER.hash(EmailAddress.parse("other@example.com").orElseThrow()),
                EmailAddress.parse("other@example.com").orElseThrow(), Map.of(), LeadState.LEAD, T0, 0, Map.of(), T0, T0, 0);

        assertThatThrownBy(() -> store.create(sameIdOtherEmail)).isInstanceOf(LeadConflictException.class);

        assertThat(store.find(lead.id())).contains(lead.withVersion(1));
        assertThat(store.findByEmailHash(sameIdOtherEmail.emailHash())).isEmpty();
    }

    @Test
    void update_whenVersionCurrent_storesChangesAndIncrementsVersion() {
        Lead lead = lead("update@example.com", 10);
        store.create(lead);
        Lead read = store.find(lead.id()).orElseThrow();
        Lead changed = new Lead(read.id(), read.emailHash(), read.email(), Map.of("name", "New Name"), LeadState.MQL,
                T0.plusSeconds(60), 120, read.consents(), read.createdAt(), T0.plusSeconds(60), read.version());

        store.update(changed);

        Lead after = store.find(lead.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(2);
        assertThat(after).isEqualTo(changed.withVersion(2));

        store.update(after);
        assertThat(store.find(lead.id()).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void update_whenVersionStale_throwsConflictAndChangesNothing() {
        Lead lead = lead("stale@example.com", 10);
        store.create(lead);
        Lead v1 = store.find(lead.id()).orElseThrow();
        store.update(v1.withScore(50, T0.plusSeconds(1)));
        Lead v2 = store.find(lead.id()).orElseThrow();

        assertThatThrownBy(() -> store.update(v1.withScore(7, T0.plusSeconds(2))))
                .isInstanceOf(LeadConflictException.class).hasMessageContaining(lead.id().value());

        assertThat(store.find(lead.id())).contains(v2);
        assertThat(v2.score()).isEqualTo(50);
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    void update_whenLeadDoesNotExist_throwsConflictAndCreatesNothing() {
        Lead ghost = lead("ghost@example.com", 10).withVersion(1);

        assertThatThrownBy(() -> store.update(ghost)).isInstanceOf(LeadConflictException.class);

        assertThat(store.find(ghost.id())).isEmpty();
    }

    @Test
    void update_whenStateChanges_movesTheLeadInTheStateIndex() {
        Lead lead = lead("index@example.com", 10);
        store.create(lead);
        Lead read = store.find(lead.id()).orElseThrow();
        Instant entered = T0.plusSeconds(3600);
        store.update(new Lead(read.id(), read.emailHash(), read.email(), read.profile(), LeadState.SQL, entered,
                read.score(), read.consents(), read.createdAt(), entered, read.version()));

        List<Map<String, AttributeValue>> sql = dynamo.query(QueryRequest.builder().tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("gsi1pk = :state")
                .expressionAttributeValues(Map.of(":state", AttributeValue.fromS("STATE#sql")))
                .build()).items();

        assertThat(sql).extracting(i -> i.get("id").s()).contains(lead.id().value());
        assertThat(sql).filteredOn(i -> i.get("id").s().equals(lead.id().value()))
                .extracting(i -> i.get("gsi1sk").s()).containsExactly(entered + "#" + lead.id().value());
    }

    @Test
    void recordActivity_whenRecordedTwice_storesOneTimelineItem() {
        Lead lead = lead("activity@example.com", 10);
        store.create(lead);
        Activity open = activity(lead, "act-1", T0.plusSeconds(10));

        store.recordActivity(open);
        store.recordActivity(open);

        List<Map<String, AttributeValue>> items = timeline(lead.id());
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().get("activityId").s()).isEqualTo("act-1");
        assertThat(items.getFirst().get("type").s()).isEqualTo("email.open");
        assertThat(items.getFirst().get("attributes").m().get("campaign").s()).isEqualTo("welcome");
        assertThat(store.find(lead.id()).orElseThrow().version()).as("recording does not touch the lead").isEqualTo(1);
    }

    @Test
    void recordActivity_whenDifferentActivities_storesEach() {
        Lead lead = lead("two.activities@example.com", 10);
        store.create(lead);

        store.recordActivity(activity(lead, "act-1", T0.plusSeconds(10)));
        store.recordActivity(activity(lead, "act-2", T0.plusSeconds(10)));

        assertThat(timeline(lead.id())).extracting(i -> i.get("activityId").s()).containsExactlyInAnyOrder("act-1", "act-2");
    }

    @Test
    void applyActivity_whenNew_addsPointsAndReturnsTheChange() {
        Lead lead = lead("score@example.com", 10);
        store.create(lead);

        Optional<ScoreChange> change = store.applyActivity(activity(lead, "act-1", T0.plusSeconds(10)), 5);

        assertThat(change).contains(new ScoreChange(lead.id(), 10, 15));
        Lead after = store.find(lead.id()).orElseThrow();
        assertThat(after.score()).isEqualTo(15);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.updatedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(timeline(lead.id())).hasSize(1);
    }

    @Test
    void applyActivity_whenNegativePoints_subtracts() {
        Lead lead = lead("negative@example.com", 10);
        store.create(lead);

        assertThat(store.applyActivity(activity(lead, "unsubscribe-1", T0.plusSeconds(10)), -25))
                .contains(new ScoreChange(lead.id(), 10, -15));
        assertThat(store.find(lead.id()).orElseThrow().score()).isEqualTo(-15);
    }

    @Test
    void applyActivity_whenSameActivityAppliedAgain_returnsEmptyAndLeavesScoreUnchanged() {
        Lead lead = lead("redelivery@example.com", 10);
        store.create(lead);
        Activity open = activity(lead, "act-1", T0.plusSeconds(10));
        store.applyActivity(open, 5);
        Lead afterFirst = store.find(lead.id()).orElseThrow();

        Optional<ScoreChange> again = store.applyActivity(open, 5);

        assertThat(again).isEmpty();
        assertThat(store.find(lead.id())).contains(afterFirst);
        assertThat(afterFirst.score()).isEqualTo(15);
        assertThat(timeline(lead.id())).hasSize(1);
    }

    @Test
    void applyActivity_whenActivityWasOnlyRecorded_returnsEmptyWithoutScoring() {
        Lead lead = lead("recorded.first@example.com", 10);
        store.create(lead);
        Activity open = activity(lead, "act-1", T0.plusSeconds(10));
        store.recordActivity(open);

        assertThat(store.applyActivity(open, 5)).isEmpty();
        assertThat(store.find(lead.id()).orElseThrow().score()).isEqualTo(10);
    }

    @Test
    void applyActivity_whenLeadMissing_throwsLeadNotFoundAndRecordsNothing() {
        LeadId missing = LeadId.random();
        Activity orphan = new Activity("act-1", missing, "email.open", T0, Map.of());

        assertThatThrownBy(() -> store.applyActivity(orphan, 5)).isInstanceOf(LeadNotFoundException.class)
                .hasMessageContaining(missing.value());

        assertThat(timeline(missing)).isEmpty();
    }

    @Test
    void applyActivity_whenFourThreadsApplyDistinctActivitiesAtOnce_finalScoreIsTheSum() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                Lead lead = lead("concurrent" + round + "@example.com", 10);
                store.create(lead);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<ScoreChange>>> results = new ArrayList<>();
                for (int thread = 1; thread <= 4; thread++) {
                    Activity activity = activity(lead, "act-" + thread, T0.plusSeconds(thread));
                    int points = thread * 10;
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.applyActivity(activity, points);
                    }));
                }
                start.countDown();
                List<ScoreChange> changes = new ArrayList<>();
                for (Future<Optional<ScoreChange>> result : results) {
                    changes.add(result.get(30, TimeUnit.SECONDS).orElseThrow());
                }

                Lead after = store.find(lead.id()).orElseThrow();
                assertThat(after.score()).as("round %d", round).isEqualTo(10 + 10 + 20 + 30 + 40);
                assertThat(after.version()).isEqualTo(5);
                assertThat(timeline(lead.id())).hasSize(4);
                assertThat(changes).extracting(ScoreChange::current).contains(110);
                assertThat(changes).allSatisfy(c -> assertThat(c.current() - c.previous()).isIn(10, 20, 30, 40));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
