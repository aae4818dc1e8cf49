package dev.lem.notify;

/** Delivers signed webhooks: HTTPS in AWS, the outbox under {@code lem up}. */
public interface WebhookSender {

    /**
     * @return an id for the delivery (the HTTP status, or the outbox's id)
     * @throws SendFailedException when the target refused, failed, or may not be called
     */
    String send(OutgoingWebhook webhook);
}
