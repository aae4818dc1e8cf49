package dev.lem.notify;

import dev.lem.lead.Lead;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.messaging.PhoneNumber;

/**
 * The text of an SMS: the message data's {@value #TEXT} entry, with {@code {{name}}} replaced by the lead's name;
 * marketing ones end with the signed opt-out link (the {@code /u/} page for the SMS channel) and go as promotional.
 * A message without text, or whose text is too long, is refused (not retried).
 */
public final class SmsComposer {

    public static final String TEXT = "text";

    private final UnsubscribeLinks unsubscribe;

    public SmsComposer(UnsubscribeLinks unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    public OutgoingSms compose(Lead lead, NotifyMessage message, PhoneNumber to) {
        String text = message.data().get(TEXT);
        if (text == null || text.isBlank()) {
            throw new SendFailedException("sms-text-missing", false, null);
        }
        String personal = text.replace("{{name}}", lead.profile().getOrDefault("name", "")).strip();
        boolean marketing = message.category() == MessageCategory.MARKETING;
        if (marketing) {
            personal = personal + "\nOpt out: " + unsubscribe.url(lead.id(), Channel.SMS);
        }
        if (personal.length() > OutgoingSms.MAX_LENGTH) {
            throw new SendFailedException("sms-text-too-long", false, null);
        }
        return new OutgoingSms(message.messageId(), to, personal, marketing);
    }
}
