package dev.lem.notify;

/** Sends templated email: SES v2 in AWS, the outbox under {@code lem up}. */
public interface Mailer {

    /**
     * @return the provider's message id
     * @throws SendFailedException when the provider refused or failed
     */
    String send(OutgoingEmail email);
}
