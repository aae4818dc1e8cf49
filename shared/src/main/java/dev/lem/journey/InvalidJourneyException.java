package dev.lem.journey;

import java.util.List;

/** A journey document that breaks its schema or its rules; {@link #details()} says every reason and where. */
public class InvalidJourneyException extends RuntimeException {

    private final List<JourneyProblem> details;

    public InvalidJourneyException(List<JourneyProblem> details) {
        super("invalid journey: " + String.join("; ", details.stream().map(JourneyProblem::toString).toList()));
        this.details = List.copyOf(details);
    }

    /** One problem with the whole document. */
    public static InvalidJourneyException of(String message) {
        return new InvalidJourneyException(List.of(JourneyProblem.ofDocument(message)));
    }

    /** Every problem with its JSON pointer. */
    public List<JourneyProblem> details() {
        return details;
    }

    /** Every problem as {@code pointer: message}. */
    public List<String> problems() {
        return details.stream().map(JourneyProblem::toString).toList();
    }
}
