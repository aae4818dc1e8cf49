package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.event.ruler.Machine;

/**
 * A journey version with its event patterns compiled once into event-ruler machines (EventBridge's own
 * matcher): the entry pattern, the goal, and each step that waits for an event (a survey waits for its
 * {@code survey.answered} activity).
 */
public final class CompiledJourney {

    public static final String SURVEY_ANSWERED = "survey.answered";

    private final Journey journey;
    private final Machine entry;
    private final Optional<Machine> goal;
    private final Map<Integer, Machine> waits = new HashMap<>();

    public CompiledJourney(Journey journey) {
        this.journey = journey;
        this.entry = machine(journey.entryPattern());
        this.goal = journey.goalPattern().map(CompiledJourney::machine);
        for (int position = 1; position <= journey.steps().size(); position++) {
            Step step = journey.step(position);
            if (step instanceof Step.Wait wait && wait.event().isPresent()) {
                waits.put(position, machine(wait.event().get()));
            } else if (step instanceof Step.Survey survey) {
                waits.put(position, machine(Json.tree("""
                        {"detail-type":["lead.activity"],"detail":{"type":["%s"],"survey":["%s"]}}"""
                        .formatted(SURVEY_ANSWERED, JourneyEngine.surveyKey(journey, survey)))));
            }
        }
    }

    public Journey journey() {
        return journey;
    }

    public boolean entersOn(String eventJson) {
        return matches(entry, eventJson);
    }

    public boolean reachesGoalOn(String eventJson) {
        return goal.map(m -> matches(m, eventJson)).orElse(false);
    }

    /** Whether the step at {@code position} waits for an event and this is it. */
    public boolean resumesOn(int position, String eventJson) {
        Machine wait = waits.get(position);
        return wait != null && matches(wait, eventJson);
    }

    private static Machine machine(JsonNode pattern) {
        Machine machine = new Machine();
        try {
            machine.addRule("rule", Json.write(pattern));
        } catch (Exception e) {
            throw InvalidJourneyException.of("event pattern does not compile: " + e.getMessage());
        }
        return machine;
    }

    private static boolean matches(Machine machine, String eventJson) {
        try {
            return !machine.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            throw new IllegalArgumentException("event is not matchable JSON", e);
        }
    }
}
