package dev.lem.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import dev.lem.testing.fakes.InMemoryVisitorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class VisitorTimelineTest {

    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final InMemoryVisitorStore store = new InMemoryVisitorStore();
    private final VisitorTimeline timeline = new VisitorTimeline(store);
    /** The lead timeline as the activity consumer keeps it: one entry per activity id. */
    private final Map<String, Activity> leadTimeline = new LinkedHashMap<>();
    private final List<String> applied = new ArrayList<>();
    private final Consumer<Activity> toLead = a -> {
        applied.add(a.activityId());
        leadTimeline.putIfAbsent(a.activityId(), a);
    };

    private static VisitorActivity hit(String id, int minute) {
        return VisitorActivity.of(id, VID, "page.view", T0.plusSeconds(60L * minute), Map.of("page", "www.example.com/" + id));
    }

    @Test
    void record_whenVisitorNotLinked_keepsTheHitFor180Days() {
        timeline.record(hit("v-1", 0), toLead);

        assertThat(store.stored(VID)).containsExactly(hit("v-1", 0));
        assertThat(store.expiryOf("v-1")).contains(T0.plus(VisitorTimeline.RETENTION));
        assertThat(applied).isEmpty();
    }

    @Test
    void merge_whenHitsWereStored_movesThemOldestFirstWithTheirIdsAndVisitorId() {
        timeline.record(hit("v-2", 5), toLead);
        timeline.record(hit("v-1", 1), toLead);

        int moved = timeline.merge(VisitorLink.of("sub-1", VID, LEAD, T0.plusSeconds(600)), toLead);

        assertThat(moved).isEqualTo(2);
        assertThat(leadTimeline.values()).extracting(Activity::activityId).containsExactly("v-1", "v-2");
        assertThat(leadTimeline.get("v-1")).isEqualTo(new Activity("v-1", LEAD, "page.view", T0.plusSeconds(60),
                Map.of("page", "www.example.com/v-1", "visitorId", VID)));
        assertThat(store.stored(VID)).isEmpty();
    }

    @Test
    void merge_whenRunTwice_movesNothingTheSecondTime() {
        timeline.record(hit("v-1", 1), toLead);
        VisitorLink link = VisitorLink.of("sub-1", VID, LEAD, T0.plusSeconds(600));

        timeline.merge(link, toLead);
        int again = timeline.merge(link, toLead);

        assertThat(again).isZero();
        assertThat(applied).containsExactly("v-1");
    }

    @Test
    void record_whenTheMergeRunsRightAfterTheHitIsStored_theHitStillReachesTheLeadOnce() {
        store.afterNextRecord(() -> timeline.merge(VisitorLink.of("sub-1", VID, LEAD, T0), toLead));

        timeline.record(hit("v-1", 1), toLead);

        assertThat(leadTimeline.keySet()).containsExactly("v-1");
        assertThat(store.stored(VID)).isEmpty();
    }

    @Test
    void record_whenVisitorIsLinked_goesStraightToTheLead() {
        timeline.merge(VisitorLink.of("sub-1", VID, LEAD, T0), toLead);

        timeline.record(hit("v-9", 9), toLead);

        assertThat(applied).containsExactly("v-9");
        assertThat(store.stored(VID)).isEmpty();
    }

    @Test
    void merge_whenTheLeadWriteFailsHalfway_aRetryMovesTheRestAndLosesNothing() {
        timeline.record(hit("v-1", 1), toLead);
        timeline.record(hit("v-2", 2), toLead);
        VisitorLink link = VisitorLink.of("sub-1", VID, LEAD, T0.plusSeconds(600));
        Consumer<Activity> failsOnSecond = a -> {
            if (a.activityId().equals("v-2")) {
                throw new IllegalStateException("lead store down");
            }
            toLead.accept(a);
        };

        assertThatThrownBy(() -> timeline.merge(link, failsOnSecond)).isInstanceOf(IllegalStateException.class);
        timeline.merge(link, toLead);

        assertThat(leadTimeline.keySet()).containsExactly("v-1", "v-2");
        assertThat(store.stored(VID)).isEmpty();
    }

    @Test
    void merge_whenTheVisitorHasMoreThanTheCap_movesTheOldestUpToTheCapAndKeepsTheRest() {
        for (int i = 0; i < VisitorTimeline.MAX_MERGED + 5; i++) {
            timeline.record(VisitorActivity.of(String.format("v-%05d", i), VID, "page.view", T0.plusSeconds(i), Map.of()), toLead);
        }

        int moved = timeline.merge(VisitorLink.of("sub-1", VID, LEAD, T0.plusSeconds(9999)), toLead);

        assertThat(moved).isEqualTo(VisitorTimeline.MAX_MERGED);
        assertThat(applied.getFirst()).isEqualTo("v-00000");
        assertThat(store.stored(VID)).hasSize(5);
    }

    @Test
    void handle_whenBodyIsALinkOrAHit_dispatchesByKind() {
        timeline.handle(Json.tree(Json.write(hit("v-1", 1))), toLead);
        assertThat(VisitorTimeline.handles(Json.tree(Json.write(hit("v-1", 1))))).isTrue();
        assertThat(VisitorTimeline.handles(Json.tree("{\"kind\":\"visitor-link\"}"))).isTrue();
        assertThat(VisitorTimeline.handles(Json.tree("{\"activityId\":\"a\"}"))).isFalse();
        assertThat(VisitorTimeline.handles(Json.tree("[]"))).isFalse();

        timeline.handle(Json.tree(Json.write(VisitorLink.of("sub-1", VID, LEAD, T0))), toLead);

        assertThat(applied).containsExactly("v-1");
    }
}
