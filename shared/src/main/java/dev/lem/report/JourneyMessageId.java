package dev.lem.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a journey message id, {@code <journey>.[r<run>.]<position>.<lead id>} (see
 * {@code Enrolment.messageId}); other message ids (a form's welcome email) are not journey messages.
 */
public record JourneyMessageId(String journey, int step) {

    private static final Pattern FORM = Pattern.compile(
            "^(.+?)\\.(?:r\\d{1,6}\\.)?(\\d{1,6})\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    public static Optional<JourneyMessageId> parse(String messageId) {
        if (messageId == null || messageId.length() > 160) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(messageId);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new JourneyMessageId(m.group(1), Integer.parseInt(m.group(2))));
    }
}
