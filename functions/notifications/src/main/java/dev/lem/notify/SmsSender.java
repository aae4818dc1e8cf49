package dev.lem.notify;

/** Sends SMS: SNS Publish to a phone number in AWS, the outbox under {@code lem up}. */
public interface SmsSender {

    /**
     * @return the provider's message id
     * @throws SendFailedException when the provider refused or failed
     */
    String send(OutgoingSms sms);
}
