package dev.lem.journey;

import java.util.List;
import java.util.Optional;

/**
 * Picks the owner of a lead handed to sales: by territory (owners covering the lead's territory field; when none
 * covers it, all owners), then in turns among the owners who are not away. Empty when every candidate is away.
 */
public final class SalesAssignment {

    private final AssignmentCounter counter;

    public SalesAssignment(AssignmentCounter counter) {
        this.counter = counter;
    }

    public Optional<Step.Owner> pick(String journeyId, Step.HandToSales step, Facts facts) {
        List<Step.Owner> candidates = step.owners();
        String counterKey = journeyId + "#" + step.id();
        if (step.assignment() == Step.Assignment.TERRITORY) {
            Optional<String> territory = step.territoryField().flatMap(facts::value);
            List<Step.Owner> covering = territory.map(t -> step.owners().stream()
                    .filter(o -> o.territories().contains(t)).toList()).orElse(List.of());
            if (!covering.isEmpty() && covering.stream().anyMatch(o -> !o.away())) {
                candidates = covering;
                counterKey = counterKey + "#" + territory.orElseThrow();
            }
        }
        List<Step.Owner> present = candidates.stream().filter(o -> !o.away()).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        if (present.size() == 1) {
            return Optional.of(present.getFirst());
        }
        long turn = counter.next(counterKey);
        return Optional.of(present.get((int) Math.floorMod(turn - 1, (long) present.size())));
    }
}
