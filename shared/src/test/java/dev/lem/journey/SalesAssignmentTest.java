package dev.lem.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SalesAssignmentTest {

    private final Map<String, Long> counters = new HashMap<>();
    private final SalesAssignment assignment = new SalesAssignment(key -> counters.merge(key, 1L, Long::sum));

    private static Step.HandToSales step(Step.Assignment how, Step.Owner... owners) {
        return new Step.HandToSales("sales", Optional.empty(), how, Optional.of("profile.country"), "sales-task", List.of(owners));
    }

    private static Facts lead(String country) {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Map<String, String> profile = country == null ? Map.of() : Map.of("country", country);
        return Facts.of(new Lead(new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b"), "h", null, profile, LeadState.MQL, now,
                120, Map.of(), now, now, 1), Map.of(), Map.of());
    }

    private static Step.Owner owner(String id, boolean away, String... territories) {
        return new Step.Owner(id, away, Set.of(territories));
    }

    @Test
    void roundRobin_takesTurnsAndSkipsOwnersWhoAreAway() {
        Step.HandToSales step = step(Step.Assignment.ROUND_ROBIN, owner("ann", false), owner("bob", true), owner("cy", false));

        List<String> picked = IntStream.range(0, 4).mapToObj(i -> assignment.pick("j", step, lead("DE")).orElseThrow().id()).toList();

        assertThat(picked).containsExactly("ann", "cy", "ann", "cy");
    }

    @Test
    void territory_picksAmongTheOwnersCoveringTheLeadsTerritory() {
        Step.HandToSales step = step(Step.Assignment.TERRITORY, owner("ann", false, "DE", "AT"), owner("bob", false, "FR"),
                owner("cy", false, "DE"), owner("dan", true, "DE"));

        assertThat(IntStream.range(0, 4).mapToObj(i -> assignment.pick("j", step, lead("DE")).orElseThrow().id()))
                .containsExactly("ann", "cy", "ann", "cy");
        assertThat(assignment.pick("j", step, lead("FR")).orElseThrow().id()).isEqualTo("bob");
    }

    @Test
    void territory_whenNobodyPresentCoversIt_fallsBackToEveryoneNotAway() {
        Step.HandToSales step = step(Step.Assignment.TERRITORY, owner("ann", false, "DE"), owner("bob", true, "FR"));

        assertThat(assignment.pick("j", step, lead("FR")).orElseThrow().id()).isEqualTo("ann");
        assertThat(assignment.pick("j", step, lead(null)).orElseThrow().id()).isEqualTo("ann");
    }

    @Test
    void pick_whenEveryOwnerIsAway_isEmpty() {
        assertThat(assignment.pick("j", step(Step.Assignment.ROUND_ROBIN, owner("ann", true), owner("bob", true)), lead("DE")))
                .isEmpty();
    }
}
