package dev.lem.journey;

import java.util.Objects;

/**
 * One reason a journey document is refused: where ({@code pointer}, an RFC 6901 JSON pointer into the document;
 * empty for the whole document) and what.
 */
public record JourneyProblem(String pointer, String message) {

    public JourneyProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** A problem with the document as a whole (not JSON, too large, not an object). */
    public static JourneyProblem ofDocument(String message) {
        return new JourneyProblem("", message);
    }

    /** {@code pointer: message}, or the message alone for the whole document. */
    @Override
    public String toString() {
        return pointer.isEmpty() ? message : pointer + ": " + message;
    }

    /** The pointer to a member or element under {@code parent}, escaped as RFC 6901 says. */
    public static String child(String parent, Object token) {
        return parent + "/" + String.valueOf(token).replace("~", "~0").replace("/", "~1");
    }
}
