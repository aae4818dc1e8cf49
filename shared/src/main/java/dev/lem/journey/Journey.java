package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A journey (a campaign as code), one immutable version of it: who enters (an event pattern on the bus plus
 * conditions on the lead), whether a lead may enter again, the goal event that ends it, and the steps.
 * Positions are 1-based indexes into {@link #steps()}; they name messages and timers.
 */
public record Journey(String id, int version, String name, JsonNode entryPattern, List<Condition> entryConditions,
                      ReEntry reEntry, Optional<JsonNode> goalPattern, List<Step> steps) {

    public Journey {
        Objects.requireNonNull(id, "id");
        entryConditions = List.copyOf(entryConditions);
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a journey needs steps");
        }
    }

    /** {@code id@version}: a journey version's name. */
    public String key() {
        return id + "@" + version;
    }

    public Step step(int position) {
        return steps.get(position - 1);
    }

    /** The position of the step with this id. */
    public int position(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("journey " + key() + " has no step " + stepId);
    }

    /** The position after {@code position}: the step's {@code next}, else the following one (0: none, the end). */
    public int after(int position) {
        Step step = step(position);
        if (step.next().isPresent()) {
            return position(step.next().get());
        }
        return position < steps.size() ? position + 1 : 0;
    }
}
