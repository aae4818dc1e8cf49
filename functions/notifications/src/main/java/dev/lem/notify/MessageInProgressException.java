package dev.lem.notify;

/** Another delivery of this message holds its claim; the record is retried after the visibility timeout. */
public class MessageInProgressException extends RuntimeException {
    public MessageInProgressException(String messageId) {
        super("message " + messageId + " is being sent by another delivery");
    }
}
