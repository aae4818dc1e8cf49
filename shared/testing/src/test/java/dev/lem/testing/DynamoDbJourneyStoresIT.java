package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.journey.Enrolment;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.JourneyStore;
import dev.lem.journey.JourneyVersionConflictException;
import dev.lem.lead.LeadId;
import dev.lem.store.DynamoDbAssignmentCounter;
import dev.lem.store.DynamoDbEnrolmentStore;
import dev.lem.store.DynamoDbJourneyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Enrolments, journey versions and round-robin counters against DynamoDB Local. */
@ExtendWith(AwsEnginesExtension.class)
class DynamoDbJourneyStoresIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final JourneyParser parser = JourneyParser.create();
    private final DynamoDbEnrolmentStore enrolments;
    private final DynamoDbJourneyStore journeys;
    private final DynamoDbAssignmentCounter counter;

    DynamoDbJourneyStoresIT(AwsEngines engines) {
        String table = engines.createTable();
        this.enrolments = new DynamoDbEnrolmentStore(engines.dynamoDb(), table);
        this.journeys = new DynamoDbJourneyStore(engines.dynamoDb(), table, parser);
        this.counter = new DynamoDbAssignmentCounter(engines.dynamoDb(), table);
    }

    private static String document(String id, int version, String template) {
        return """
                {"schemaVersion":1,"id":"%s","version":%d,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"m","type":"send","channel":"email","template":"%s"}]}""".formatted(id, version, template);
    }

    private Journey deploy(String document) {
        Journey journey = parser.parse(document);
        journeys.deploy(journey, document);
        return journey;
    }

    @Test
    void deploy_keepsEveryVersionAndListsTheLatestOfEachJourney() {
        Journey a1 = deploy(document("a", 1, "a-one"));
        Journey a2 = deploy(document("a", 2, "a-two"));
        Journey b1 = deploy(document("b", 1, "b-one"));
        assertThat(journeys.deploy(a1, document("a", 1, "a-one"))).isEqualTo(JourneyStore.Deployed.UNCHANGED);

        assertThat(journeys.current()).containsExactlyInAnyOrder(a2, b1);
        assertThat(journeys.find("a", 1)).contains(a1);
        assertThat(journeys.find("a", 2)).contains(a2);
        assertThat(journeys.find("a", 3)).isEmpty();
    }

    @Test
    void deploy_whenAnOlderVersionComesLater_theNewerStaysLatest() {
        deploy(document("c", 5, "five"));
        deploy(document("c", 4, "four"));

        assertThat(journeys.current()).extracting(Journey::version).containsExactly(5);
        assertThat(journeys.find("c", 4)).isPresent();
    }

    @Test
    void deploy_whenTheSameVersionHasDifferentContent_refusesAndKeepsTheStoredOne() {
        Journey original = deploy(document("d", 1, "original"));

        assertThatThrownBy(() -> deploy(document("d", 1, "changed")))
                .isInstanceOf(JourneyVersionConflictException.class).hasMessageContaining("deploy it as version 2");
        assertThat(journeys.find("d", 1)).contains(original);
    }

    @Test
    void enrolment_roundTripsAndMovesOnlyFromTheSeqRead() {
        Journey journey = deploy(document("e", 1, "x"));
        LeadId lead = new LeadId(UUID.randomUUID().toString());
        Enrolment first = Enrolment.start(lead, journey, 1, "trigger-1", NOW, Map.of("formId", "demo"));

        assertThat(enrolments.create(first, Optional.empty())).isTrue();
        assertThat(enrolments.create(Enrolment.start(lead, journey, 1, "trigger-2", NOW, Map.of()), Optional.empty())).isFalse();
        assertThat(enrolments.find(lead, "e")).contains(first);

        Enrolment parked = first.parkedAt(1, "e-1-" + lead.value(), NOW.plusSeconds(5)).withAnswer("q", "9");
        assertThat(enrolments.advance(first, parked)).isTrue();
        assertThat(enrolments.advance(first, first.ended(Enrolment.Status.EXITED, 1, NOW))).as("stale move").isFalse();
        assertThat(enrolments.find(lead, "e")).contains(parked);
        assertThat(enrolments.active(lead)).containsExactly(parked);

        Enrolment ended = parked.ended(Enrolment.Status.GOAL, 1, NOW.plusSeconds(9));
        assertThat(enrolments.advance(parked, ended)).isTrue();
        assertThat(enrolments.active(lead)).isEmpty();
        Enrolment rerun = Enrolment.start(lead, journey, 2, "trigger-3", NOW.plusSeconds(10), Map.of());
        assertThat(enrolments.create(rerun, Optional.of(parked))).as("replacing a run that moved on").isFalse();
        assertThat(enrolments.create(rerun, Optional.of(ended))).isTrue();
        assertThat(enrolments.find(lead, "e")).contains(rerun);
    }

    @Test
    void enrolment_whenTwentyWritersRaceToEnrolTheSameLead_exactlyOneWins() throws Exception {
        Journey journey = deploy(document("f", 1, "x"));
        LeadId lead = new LeadId(UUID.randomUUID().toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var wins = new java.util.ArrayList<Future<Boolean>>();
            for (int i = 0; i < 20; i++) {
                String trigger = "t-" + i;
                wins.add(pool.submit(() -> enrolments.create(Enrolment.start(lead, journey, 1, trigger, NOW, Map.of()),
                        Optional.empty())));
            }
            long won = 0;
            for (Future<Boolean> win : wins) {
                won += win.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void counter_countsUpAtomicallyPerKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var seen = ConcurrentHashMap.<Long>newKeySet();
        try {
            var futures = new java.util.ArrayList<Future<?>>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> seen.add(counter.next("journey#sales"))));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(40).allSatisfy(n -> assertThat(n).isBetween(1L, 40L));
        assertThat(counter.next("other")).isEqualTo(1);
    }
}
