package dev.lem.report;

import dev.lem.journey.Journey;
import dev.lem.journey.Step;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which A/B arm each step of a journey belongs to. A split sends each lead to one variant's target (the same lead
 * always to the same variant), so a step reached from exactly one variant's target — following {@code next} /
 * the following step — belongs to that arm, named {@code <split step id>:<variant name>}; steps reached by several
 * variants (after the arms merge) or by none belong to no arm. Per-step counts are therefore per-arm counts.
 */
public final class JourneyArms implements JourneyReport.Arms {

    private final Map<String, Map<Integer, String>> arms;

    private JourneyArms(Map<String, Map<Integer, String>> arms) {
        this.arms = arms;
    }

    public static JourneyArms of(List<Journey> journeys) {
        Map<String, Map<Integer, String>> arms = new HashMap<>();
        for (Journey journey : journeys) {
            arms.put(journey.id(), armsOf(journey));
        }
        return new JourneyArms(arms);
    }

    @Override
    public String armOf(String journey, int step) {
        return arms.getOrDefault(journey, Map.of()).get(step);
    }

    static Map<Integer, String> armsOf(Journey journey) {
        Map<Integer, Set<String>> reached = new HashMap<>();
        for (Step step : journey.steps()) {
            if (step instanceof Step.Branch branch && branch.split().isPresent()) {
                for (Step.Variant variant : branch.split().get().variants()) {
                    String arm = branch.id() + ":" + variant.name();
                    Set<Integer> seen = new HashSet<>();
                    int position = variant.target().isEmpty() ? 0 : positionOf(journey, variant.target());
                    while (position > 0 && seen.add(position)) {
                        reached.computeIfAbsent(position, p -> new HashSet<>()).add(arm);
                        position = journey.step(position) instanceof Step.Branch ? 0 : journey.after(position);
                    }
                }
            }
        }
        Map<Integer, String> arms = new HashMap<>();
        reached.forEach((position, names) -> {
            if (names.size() == 1) {
                arms.put(position, names.iterator().next());
            }
        });
        return arms;
    }

    private static int positionOf(Journey journey, String stepId) {
        try {
            return journey.position(stepId);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
