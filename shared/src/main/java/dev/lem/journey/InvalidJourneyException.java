package dev.lem.journey;

import java.util.List;

/** A journey document that breaks its schema or its rules; {@link #problems()} says every reason. */
public class InvalidJourneyException extends RuntimeException {

    private final List<String> problems;

    public InvalidJourneyException(List<String> problems) {
        super("invalid journey: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
