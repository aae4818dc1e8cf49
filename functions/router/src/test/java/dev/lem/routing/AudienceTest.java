package dev.lem.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.events.CampaignTrigger;
import dev.lem.journey.AudienceBatch;
import dev.lem.journey.Enrolment;
import dev.lem.journey.LeadSegments;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.testing.fakes.InMemoryIdempotencyStore;
import dev.lem.testing.fakes.JourneyFakes;
import dev.lem.testing.fakes.RecordingQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AudienceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final String PROMO = """
            {"schemaVersion":1,"id":"black-friday","version":1,
             "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
             "steps":[{"id":"offer","type":"send","channel":"email","template":"bf-offer","data":{"offer":"$event.attributes.offer"}}]}""";

    private final JourneyFakes fakes = new JourneyFakes(NOW);
    private final RecordingQueue audienceQueue = new RecordingQueue();
    private final RoutingService routing = new RoutingService(fakes.catalog, fakes.enrolments, fakes.leads, fakes.runner,
            fakes.clock(), new AudienceFanOut(audienceQueue));
    /** Pages of 100 over the fake lead store, in the order leads were stored; the cursor is the next index. */
    private final LeadSegments segments = (state, cursor, limit) -> {
        List<LeadId> inState = fakes.leads.all().stream().filter(l -> l.state() == state).map(Lead::id).toList();
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(inState.size(), from + limit);
        return new LeadSegments.Page(inState.subList(from, to), to < inState.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    };
    private final InMemoryIdempotencyStore pages = new InMemoryIdempotencyStore();
    private final AudienceService audience = new AudienceService(routing, segments, fakes.leads, audienceQueue, pages,
            fakes.clock());

    private List<String> leads(int count, LeadState state, int score) {
        return IntStream.range(0, count).mapToObj(i -> {
            LeadId id = new LeadId(UUID.randomUUID().toString());
            fakes.lead(id, Map.of(), score, state);
            return id.value();
        }).toList();
    }

    private CampaignTrigger trigger(CampaignTrigger.Audience who) {
        return new CampaignTrigger("bf-2026", NOW, "black-friday", null, Map.of("offer", "bf-2026"), who);
    }

    private List<AudienceBatch> queued() {
        return audienceQueue.bodies().stream().map(b -> Json.read(b, AudienceBatch.class)).toList();
    }

    /** Processes everything on the audience queue, including pages queued meanwhile. */
    private void drain() {
        List<String> seen = new ArrayList<>();
        while (seen.size() < audienceQueue.bodies().size()) {
            String body = audienceQueue.bodies().get(seen.size());
            seen.add(body);
            audience.process(Json.read(body, AudienceBatch.class));
        }
    }

    @Test
    void trigger_withLeadIds_fansOutInBatchesOfAHundredAndEnrolsEachLeadOnce() {
        fakes.deploy(PROMO);
        List<String> ids = leads(250, LeadState.LEAD, 10);

        assertThat(routing.route(trigger(new CampaignTrigger.Audience(ids, null))).isNothing()).isTrue();

        assertThat(queued()).extracting(b -> b.leadIds().size()).containsExactly(100, 100, 50);
        assertThat(fakes.enrolments.all()).isEmpty();
        drain();
        drain();
        assertThat(fakes.enrolments.all()).hasSize(250).extracting(Enrolment::trigger).containsOnly("bf-2026");
        assertThat(fakes.notifyQueue.bodies()).hasSize(250).allSatisfy(b -> assertThat(b).contains("\"offer\":\"bf-2026\""));
    }

    @Test
    void batch_whenRedelivered_enrolsNobodyTwice() {
        fakes.deploy(PROMO);
        List<String> ids = leads(30, LeadState.LEAD, 10);
        routing.route(trigger(new CampaignTrigger.Audience(ids, null)));
        AudienceBatch batch = queued().getFirst();

        assertThat(audience.process(batch)).isEqualTo(30);
        assertThat(audience.process(batch)).isEqualTo(30);

        assertThat(fakes.enrolments.writes()).hasSize(60); // 30 created + 30 completed, none again
        assertThat(fakes.notifyQueue.bodies()).hasSize(30);
    }

    @Test
    void trigger_withASegment_walksItPageByPageAndEnrolsOnlyLeadsMeetingTheConditions() {
        fakes.deploy(PROMO);
        List<String> hot = leads(180, LeadState.MQL, 90);
        leads(50, LeadState.MQL, 10);
        leads(40, LeadState.LEAD, 95);

        routing.route(trigger(new CampaignTrigger.Audience(List.of(), new CampaignTrigger.Segment("mql",
                Json.tree("[{\"field\":\"score\",\"gte\":80}]")))));
        drain();

        assertThat(queued()).hasSize(3).extracting(AudienceBatch::cursor).containsExactly(null, "100", "200");
        assertThat(fakes.enrolments.all()).extracting(e -> e.leadId().value()).containsExactlyInAnyOrderElementsOf(hot);
    }

    /** Like {@link #drain()}, but every message is delivered twice (SQS at-least-once), the duplicate right after. */
    private void drainDeliveringEverythingTwice() {
        int seen = 0;
        while (seen < audienceQueue.bodies().size()) {
            AudienceBatch batch = Json.read(audienceQueue.bodies().get(seen++), AudienceBatch.class);
            audience.process(batch);
            audience.process(batch);
        }
    }

    private void triggerHotSegment() {
        routing.route(trigger(new CampaignTrigger.Audience(List.of(), new CampaignTrigger.Segment("mql",
                Json.tree("[{\"field\":\"score\",\"gte\":80}]")))));
    }

    @Test
    void segmentPage_whenEveryPageIsDeliveredTwice_enrolsEachLeadOnceAndQueuesEachNextPageOnce() {
        fakes.deploy(PROMO);
        List<String> hot = leads(250, LeadState.MQL, 90);
        triggerHotSegment();

        drainDeliveringEverythingTwice();

        assertThat(queued()).extracting(AudienceBatch::cursor).containsExactly(null, "100", "200");
        assertThat(fakes.enrolments.all()).extracting(e -> e.leadId().value()).containsExactlyInAnyOrderElementsOf(hot);
        assertThat(fakes.notifyQueue.bodies()).hasSize(250).doesNotHaveDuplicates();
        assertThat(queued()).allSatisfy(page -> assertThat(pages.entry(AudienceService.pageKey(page))).hasValueSatisfying(e ->
                assertThat(e.status()).isEqualTo(InMemoryIdempotencyStore.Status.COMPLETED)));
    }

    @Test
    void segmentPage_whenRedeliveredAfterItCompleted_doesNothing() {
        fakes.deploy(PROMO);
        leads(150, LeadState.MQL, 90);
        triggerHotSegment();
        AudienceBatch first = queued().getFirst();
        assertThat(audience.process(first)).isEqualTo(100);
        int writes = fakes.enrolments.writes().size();

        assertThat(audience.process(first)).isZero();

        assertThat(queued()).extracting(AudienceBatch::cursor).containsExactly(null, "100");
        assertThat(fakes.enrolments.writes()).hasSize(writes);
    }

    @Test
    void segmentPage_whenQueuingTheNextPageFails_theRetryDoesThePageAgainAndTheNextPageIsNotSkipped() {
        fakes.deploy(PROMO);
        List<String> hot = leads(150, LeadState.MQL, 90);
        triggerHotSegment();
        AudienceBatch first = queued().getFirst();
        audienceQueue.failNextCallWith(new dev.lem.queue.QueueUnavailableException("down", null));

        assertThatThrownBy(() -> audience.process(first)).isInstanceOf(dev.lem.queue.QueueUnavailableException.class);
        assertThat(pages.entry(AudienceService.pageKey(first))).as("claim released for the retry").isEmpty();
        assertThat(queued()).hasSize(1);

        drain(); // SQS delivers the page again

        assertThat(queued()).extracting(AudienceBatch::cursor).containsExactly(null, "100");
        assertThat(fakes.enrolments.all()).extracting(e -> e.leadId().value()).containsExactlyInAnyOrderElementsOf(hot);
        assertThat(fakes.notifyQueue.bodies()).hasSize(150);
    }

    @Test
    void segmentPage_whenADuplicateArrivesWhileTheFirstStillRuns_isRefusedForALaterRetryAndDoesNothing() {
        fakes.deploy(PROMO);
        leads(150, LeadState.MQL, 90);
        triggerHotSegment();
        AudienceBatch first = queued().getFirst();
        pages.hold(AudienceService.pageKey(first), NOW.plus(AudienceService.PAGE_CLAIM_FOR));

        assertThatThrownBy(() -> audience.process(first)).isInstanceOf(AudienceService.PageInProgressException.class);

        assertThat(queued()).hasSize(1);
        assertThat(fakes.enrolments.all()).isEmpty();
    }

    @Test
    void pageKey_isOnePerTriggerAndCursor() {
        AudienceBatch first = new AudienceBatch("bf-2026", NOW, "black-friday", Map.of(), List.of(), "mql", null, null);

        assertThat(AudienceService.pageKey(first)).isEqualTo(AudienceService.pageKey(first))
                .isNotEqualTo(AudienceService.pageKey(first.nextPage("100")))
                .isNotEqualTo(AudienceService.pageKey(new AudienceBatch("bf-2027", NOW, "black-friday", Map.of(), List.of(),
                        "mql", null, null)));
    }

    @Test
    void trigger_withALeadAndAnAudience_enrolsTheLeadNowAndFansOutTheRest() {
        fakes.deploy(PROMO);
        String now = leads(1, LeadState.LEAD, 0).getFirst();
        List<String> later = leads(3, LeadState.LEAD, 0);

        RoutingService.Routing routed = routing.route(new CampaignTrigger("bf-2026", NOW, "black-friday", now, Map.of(),
                new CampaignTrigger.Audience(later, null)));

        assertThat(routed.enrolled()).containsExactly("black-friday");
        assertThat(queued()).singleElement().satisfies(b -> assertThat(b.leadIds()).isEqualTo(later));
    }

    @Test
    void trigger_withAnAudience_whenTheRouterHasNoAudienceQueue_isRefusedWithTheReason() {
        RoutingService withoutQueue = new RoutingService(fakes.catalog, fakes.enrolments, fakes.leads, fakes.runner, fakes.clock());

        assertThatThrownBy(() -> withoutQueue.route(trigger(new CampaignTrigger.Audience(leads(1, LeadState.LEAD, 0), null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no audience queue");
    }

    @Test
    void audienceBatch_refusesMoreThanAHundredLeadsOrBothOrNeitherKind() {
        List<String> many = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString()).toList();

        assertThatThrownBy(() -> new AudienceBatch("e", NOW, "c", Map.of(), many, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> new AudienceBatch("e", NOW, "c", Map.of(), List.of(), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudienceBatch("e", NOW, "c", Map.of(), many.subList(0, 1), "mql", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
