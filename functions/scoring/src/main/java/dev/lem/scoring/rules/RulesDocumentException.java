package dev.lem.scoring.rules;

import java.util.List;

/** A score-models document that does not parse, does not match its schema, or contradicts itself. */
public class RulesDocumentException extends RuntimeException {

    private final List<String> problems;

    public RulesDocumentException(String source, List<String> problems) {
        super("score models " + source + " are invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
